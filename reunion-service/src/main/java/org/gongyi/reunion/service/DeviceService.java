package org.gongyi.reunion.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Sql;
import org.gongyi.reunion.domain.Geo;
import org.gongyi.reunion.persistence.Device;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.utc;

/**
 * Devices opted in to alerts. Only the latest location is kept, coarsened to 0.01° (about 1 km). A push token
 * identifies one app install: registering it again (a new login) moves it to the new owner.
 */
@ApplicationScoped
public class DeviceService {

    private final Clock clock;
    private final int maxPerOwner;

    public DeviceService(Clock clock,
                         @ConfigProperty(name = "gongyi.reunion.devices-per-user") int maxPerOwner) {
        this.clock = clock;
        this.maxPerOwner = maxPerOwner;
    }

    /** One registration of an owner at a time (until the transaction ends), so the limit holds under concurrency. */
    private static final String LOCK_OWNERS_DEVICES = """
            select count(*) from (select pg_advisory_xact_lock(hashtext('gongyi.device.' || ?1))) l""";
    private static final String OTHER_DEVICES_OF_OWNER = """
            select count(*) from device where owner_id = ?1 and push_token <> ?2""";

    @WithTransaction
    public Uni<Device> register(String owner, Device.Platform platform, String pushToken, double lat, double lon) {
        Instant now = clock.instant();
        double cLat = Geo.coarse(lat);
        double cLon = Geo.coarse(lon);
        return Sql.numbers(LOCK_OWNERS_DEVICES, owner).chain(() -> Sql.numbers(OTHER_DEVICES_OF_OWNER, owner, pushToken))
                .invoke(others -> {
                    if (others[0] >= maxPerOwner) {
                        throw ProblemException.conflict("You have " + others[0] + " devices, the most one person may "
                                + "register; opt one out first");
                    }
                })
                .chain(() -> Sql.strings("insert into device (id, owner_id, platform, push_token, latitude, longitude, pos, "
                                + "registered_at, located_at) values (?1, ?2, ?3, ?4, ?5, ?6, ll_to_earth(?5, ?6), ?7, ?7) "
                                + "on conflict (push_token) do update set owner_id = excluded.owner_id, "
                                + "platform = excluded.platform, latitude = excluded.latitude, longitude = excluded.longitude, "
                                + "pos = excluded.pos, located_at = excluded.located_at returning cast(id as text)",
                        UUID.randomUUID(), owner, platform.name(), pushToken, cLat, cLon, utc(now)))
                .chain(ids -> Device.<Device>findById(UUID.fromString(ids.get(0))));
    }

    /** Moves one of the owner's devices; 404 for anyone else's. */
    @WithTransaction
    public Uni<Device> locate(String owner, UUID id, double lat, double lon) {
        double cLat = Geo.coarse(lat);
        double cLon = Geo.coarse(lon);
        return Sql.exec("update device set latitude = ?3, longitude = ?4, pos = ll_to_earth(?3, ?4), located_at = ?5 "
                        + "where id = ?1 and owner_id = ?2", id, owner, cLat, cLon, utc(clock.instant()))
                .chain(n -> {
                    if (n == 0) {
                        throw ProblemException.notFound("You have no device " + id);
                    }
                    return Device.<Device>findById(id);
                });
    }

    /**
     * Opts a device out: it is deleted now, its delivery records by the next {@link #eraseDeliveries} (they name only
     * the device's id, and fan-outs write them without an index by device).
     */
    @WithTransaction
    public Uni<Void> remove(String owner, UUID id) {
        return Sql.exec("delete from device where id = ?1 and owner_id = ?2", id, owner).invoke(n -> {
            if (n == 0) {
                throw ProblemException.notFound("You have no device " + id);
            }
        }).chain(() -> Sql.exec("insert into device_erasure (device_id, requested_at) values (?1, ?2) "
                + "on conflict do nothing", id, utc(clock.instant()))).replaceWithVoid();
    }

    /** Deletes the delivery records of the devices opted out since the last run, in one pass; returns how many. */
    @WithTransaction
    public Uni<Integer> eraseDeliveries() {
        return Sql.strings("select cast(device_id as text) from device_erasure limit 1").chain(any -> any.isEmpty()
                ? Uni.createFrom().item(0)
                : Sql.exec("with erased as (delete from device_erasure returning device_id) "
                + "delete from alert_delivery where device_id in (select device_id from erased)"));
    }

    @WithSession
    public Uni<List<Device>> mine(String owner) {
        return Device.list("ownerId", Sort.by("registeredAt").and("id"), owner);
    }
}
