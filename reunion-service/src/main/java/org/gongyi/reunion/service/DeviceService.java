package org.gongyi.reunion.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.reunion.domain.Geo;
import org.gongyi.reunion.persistence.Device;
import org.gongyi.reunion.persistence.Devices;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Devices opted in to alerts. Only the latest location is kept, coarsened to 0.01° (about 1 km). A push token
 * identifies one app install: registering it again (a new login) moves it to the new owner.
 */
@ApplicationScoped
public class DeviceService {

    private final Db db;
    private final Devices devices;
    private final Clock clock;
    private final int maxPerOwner;

    public DeviceService(Db db, Devices devices, Clock clock,
                         @ConfigProperty(name = "gongyi.reunion.devices-per-user") int maxPerOwner) {
        this.db = db;
        this.devices = devices;
        this.clock = clock;
        this.maxPerOwner = maxPerOwner;
    }

    public Uni<Device> register(String owner, Device.Platform platform, String pushToken, double lat, double lon) {
        Instant now = clock.instant();
        return db.transaction(() -> devices.lockOwner(owner)
                .chain(() -> devices.othersOf(owner, pushToken))
                .invoke(others -> {
                    if (others >= maxPerOwner) {
                        throw ProblemException.conflict("You have " + others + " devices, the most one person may "
                                + "register; opt one out first");
                    }
                })
                .chain(() -> devices.register(UUID.randomUUID(), owner, platform, pushToken, Geo.coarse(lat),
                        Geo.coarse(lon), now)));
    }

    /** Moves one of the owner's devices; 404 for anyone else's. */
    public Uni<Device> locate(String owner, UUID id, double lat, double lon) {
        return devices.locate(owner, id, Geo.coarse(lat), Geo.coarse(lon), clock.instant())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("You have no device " + id));
    }

    /**
     * Opts a device out: it is deleted now, its delivery records by the next {@link #eraseDeliveries} (they name only
     * the device's id, and fan-outs write them without an index by device).
     */
    public Uni<Void> remove(String owner, UUID id) {
        return db.transaction(() -> devices.delete(owner, id).invoke(n -> {
            if (n == 0) {
                throw ProblemException.notFound("You have no device " + id);
            }
        }).chain(() -> devices.requestErasure(id, clock.instant()))).replaceWithVoid();
    }

    /** Deletes the delivery records of the devices opted out since the last run, in one pass; returns how many. */
    public Uni<Integer> eraseDeliveries() {
        return db.transaction(devices::eraseDeliveries);
    }

    public Uni<List<Device>> mine(String owner) {
        return devices.ofOwner(owner);
    }
}
