package org.gongyi.reunion.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Devices opted in to alerts, and the erasure of opted-out devices' delivery records. */
@ApplicationScoped
public class Devices {

    /** One registration of an owner at a time (until the transaction ends), so the limit holds under concurrency. */
    private static final String LOCK_OWNERS_DEVICES = """
            select count(*) as locks from (select pg_advisory_xact_lock(hashtext('gongyi.device.' || $1))) l
            """;

    private static final String OTHER_DEVICES_OF_OWNER = """
            select count(*) as devices from device where owner_id = $1 and push_token <> $2
            """;
    /** A push token is one app install: registering it again moves it to the caller. */
    private static final String REGISTER = """
            insert into device (id, owner_id, platform, push_token, latitude, longitude, pos, registered_at, located_at)
            values ($1, $2, $3, $4, $5, $6, ll_to_earth($5, $6), $7, $7)
            on conflict (push_token) do update
               set owner_id = excluded.owner_id, platform = excluded.platform, latitude = excluded.latitude,
                   longitude = excluded.longitude, pos = excluded.pos, located_at = excluded.located_at,
                   located_xid = pg_current_xact_id()
            returning %s
            """.formatted(Device.COLUMNS);

    private static final String LOCATE = """
            update device set latitude = $3, longitude = $4, pos = ll_to_earth($3, $4), located_at = $5,
                              located_xid = pg_current_xact_id()
            where id = $1 and owner_id = $2
            returning %s
            """.formatted(Device.COLUMNS);
    private static final String OWNED_LOCKED = """
            select %s from device where id = $1 and owner_id = $2 for update
            """.formatted(Device.COLUMNS);
    private static final String DELETE = "delete from device where id = $1 and owner_id = $2";
    private static final String REQUEST_ERASURE = """
            insert into device_erasure (device_id, requested_at) values ($1, $2) on conflict do nothing
            """;
    private static final String ANY_ERASURE = "select device_id from device_erasure limit 1";
    private static final String ERASE_DELIVERIES = """
            with erased as (delete from device_erasure returning device_id)
            delete from alert_delivery where device_id in (select device_id from erased)
            """;
    private static final String BY_PUSH_TOKEN_LOCKED = """
            select %s from device where push_token = $1 for update
            """.formatted(Device.COLUMNS);
    /** A claim of the device with this push token by {@code $2}, replacing an earlier one (a new code). */
    private static final String CLAIM = """
            insert into device_claim (push_token, claimant, platform, latitude, longitude, code_hash, tries_left,
                                      expires_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (push_token) do update
               set claimant = excluded.claimant, platform = excluded.platform, latitude = excluded.latitude,
                   longitude = excluded.longitude, code_hash = excluded.code_hash, tries_left = excluded.tries_left,
                   expires_at = excluded.expires_at
            """;

    private static final String CLAIM_LOCKED = """
            select push_token, claimant, platform, latitude, longitude, code_hash, tries_left, expires_at
            from device_claim where push_token = $1 for update
            """;
    private static final String TRY_SPENT = "update device_claim set tries_left = tries_left - 1 where push_token = $1";
    private static final String CLAIM_DONE = "delete from device_claim where push_token = $1";
    /** The device moves to its new owner, at the location they gave. */
    private static final String MOVE_TO = """
            update device set owner_id = $2, platform = $3, latitude = $4, longitude = $5, pos = ll_to_earth($4, $5),
                              located_at = $6, located_xid = pg_current_xact_id()
            where push_token = $1
            returning %s
            """.formatted(Device.COLUMNS);

    private static final String OF_OWNER = """
            select %s from device where owner_id = $1 order by registered_at, id
            """.formatted(Device.COLUMNS);

    private final Db db;

    public Devices(Db db) {
        this.db = db;
    }

    /** Holds the owner's registration lock until the transaction ends. */
    public Uni<Void> lockOwner(String owner) {
        return db.first(LOCK_OWNERS_DEVICES, row -> row.getLong("locks"), owner).replaceWithVoid();
    }

    /** The owner's devices other than the one with this push token. */
    public Uni<Long> othersOf(String owner, String pushToken) {
        return db.first(OTHER_DEVICES_OF_OWNER, row -> row.getLong("devices"), owner, pushToken);
    }

    public Uni<Device> register(
            UUID id, String owner, Device.Platform platform, String pushToken, double lat, double lon, Instant now) {
        return db.first(REGISTER, Device::from, id, owner, platform, pushToken, lat, lon, now);
    }

    /** The owner's device, locked for this transaction; null when the owner has no such device. */
    public Uni<Device> lockOwned(String owner, UUID id) {
        return db.first(OWNED_LOCKED, Device::from, id, owner);
    }

    /** The owner's device moved; null when the owner has no such device. */
    public Uni<Device> locate(String owner, UUID id, double lat, double lon, Instant now) {
        return db.first(LOCATE, Device::from, id, owner, lat, lon, now);
    }

    /** 1 when the owner's device was deleted, 0 when the owner has none with this id. */
    public Uni<Integer> delete(String owner, UUID id) {
        return db.update(DELETE, id, owner);
    }

    public Uni<Integer> requestErasure(UUID id, Instant now) {
        return db.update(REQUEST_ERASURE, id, now);
    }

    /** Deletes the delivery records of every device whose erasure was requested; returns how many. */
    public Uni<Integer> eraseDeliveries() {
        return db.first(ANY_ERASURE, row -> row.getUUID("device_id"))
                .chain(any -> any == null ? Uni.createFrom().item(0) : db.update(ERASE_DELIVERIES));
    }

    /** A pending claim of a device by a new owner. */
    public record Claim(
            String pushToken,
            String claimant,
            Device.Platform platform,
            double latitude,
            double longitude,
            String codeHash,
            int triesLeft,
            Instant expiresAt) {
        static Claim from(Row row) {
            return new Claim(
                    row.getString("push_token"),
                    row.getString("claimant"),
                    Device.Platform.valueOf(row.getString("platform")),
                    row.getDouble("latitude"),
                    row.getDouble("longitude"),
                    row.getString("code_hash"),
                    row.getInteger("tries_left"),
                    Db.instant(row, "expires_at"));
        }
    }

    /** The device with this push token, locked for this transaction; null when there is none. */
    public Uni<Device> lockByPushToken(String pushToken) {
        return db.first(BY_PUSH_TOKEN_LOCKED, Device::from, pushToken);
    }

    public Uni<Integer> claim(Claim c) {
        return db.update(
                CLAIM,
                c.pushToken(),
                c.claimant(),
                c.platform(),
                c.latitude(),
                c.longitude(),
                c.codeHash(),
                c.triesLeft(),
                c.expiresAt());
    }

    public Uni<Claim> lockClaim(String pushToken) {
        return db.first(CLAIM_LOCKED, Claim::from, pushToken);
    }

    public Uni<Integer> trySpent(String pushToken) {
        return db.update(TRY_SPENT, pushToken);
    }

    public Uni<Integer> claimDone(String pushToken) {
        return db.update(CLAIM_DONE, pushToken);
    }

    /** Moves the device to the claimant; null when the device was opted out meanwhile. */
    public Uni<Device> moveTo(Claim c, Instant now) {
        return db.first(
                MOVE_TO, Device::from, c.pushToken(), c.claimant(), c.platform(), c.latitude(), c.longitude(), now);
    }

    public Uni<List<Device>> ofOwner(String owner) {
        return db.list(OF_OWNER, Device::from, owner);
    }
}
