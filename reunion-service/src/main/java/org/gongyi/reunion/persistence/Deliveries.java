package org.gongyi.reunion.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.events.EventCodec;
import org.gongyi.events.contract.NotificationBatch.Recipient;
import org.gongyi.reunion.domain.CellRing;
import org.gongyi.reunion.domain.RadiusSchedule;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Who an alert reaches, read by cell ({@link CellRing}: runs of the index {@code device_cells}) through a cursor, a
 * chunk at a time, so a push holds a chunk however many devices it reaches. What a case has reached is kept as the snapshot and
 * radius of its last push, and a row per device only for devices that moved after it reached them (V14): each device
 * is notified once per case, and a closure reaches exactly the devices the alert did.
 */
@ApplicationScoped
public class Deliveries {

    public static final int BATCH = 500;
    /** Recipients read at a time (so many batches written at once): what a push holds, however far it reaches. */
    static final int CHUNK = 20 * BATCH;

    /**
     * The snapshot a push reads the devices in, taken once its case is locked: every device write that could matter
     * to the case (a device placed within the widest radius of it, or moved from there) waits for that lock, so the
     * push's reads see the same of them as this snapshot.
     */
    private static final String SNAPSHOT = "select cast(pg_current_snapshot() as text) as snapshot";

    /**
     * The devices of the runs within {@code $3} m and (where the runs say so) farther than {@code $4} m: the ring a
     * widening adds; and those within {@code $4} m that moved there after the last push; less the devices kept as
     * reached elsewhere.
     */
    private static final String REACH_NEW_DEVICES = recipients(withRunsAndPlace(ring() + """
                 , moved_in as (
                     select d.id, d.platform, d.push_token
                     from place p
                     join device d on d.located_xid >= pg_snapshot_xmin(p.pushed_snapshot)
                                  and not pg_visible_in_snapshot(d.located_xid, p.pushed_snapshot)
                     where earth_distance(p.pos, d.pos) <= $4),
                 recipients as (
                     select n.id, n.platform, n.push_token
                     from (select * from ring union all select * from moved_in) n
                     where not exists (select 1 from alert_delivery a where a.case_id = $1 and a.device_id = n.id))
            """));
    /**
     * Every device the case reached, once: those of the runs (its last disc, {@code $3} m) that were where they are
     * when its last push read them, and those kept as reached elsewhere (that are not among them).
     */
    private static final String TELL_CLOSURE = recipients(withRunsAndPlace("""
                 in_place as (
                     select d.id, d.platform, d.push_token
                     from runs r cross join place p cross join lateral (
                              select id, platform, push_token, latitude, longitude, located_xid from device
                              where lat_cell = r."latCell" and lon_cell between r."lonFrom" and r."lonTo") d
                     where pg_visible_in_snapshot(d.located_xid, p.pushed_snapshot)
                       and (not r."checkOuter"
                                or earth_distance(p.pos, ll_to_earth(d.latitude, d.longitude)) <= $3)),
                 kept_elsewhere as (
                     select d.id, d.platform, d.push_token
                     from place p cross join alert_delivery a join device d on d.id = a.device_id
                     where a.case_id = $1
                       and not (coalesce(pg_visible_in_snapshot(d.located_xid, p.pushed_snapshot), false)
                                and earth_distance(p.pos, d.pos) <= $3)),
                 recipients as (select * from in_place union all select * from kept_elsewhere)
            """));

    /** The devices kept as reached by a case, once its closure has told them: nothing reads them any more. */
    private static final String FORGET_REACHED = "delete from alert_delivery where case_id = $1";

    /**
     * The cases that may be pushing near the device (due, within the widest radius), locked until the device's move
     * commits: a push in progress holds its case, so the move waits for it and then sees what it pushed.
     */
    private static final String LOCK_CASES_NEAR_DEVICE = """
            select m.id from device d join missing_case m on earth_box(d.pos, $2) @> m.pos
            where d.id = $1 and m.next_push_at is not null
            for share of m
            """;
    /** The same for a place a device is about to be put at (registered, or moved to). */
    private static final String LOCK_CASES_NEAR_PLACE = """
            select m.id from missing_case m
            where earth_box(ll_to_earth($1, $2), $3) @> m.pos and m.next_push_at is not null
            for share of m
            """;
    /**
     * Keeps the device as reached by every case whose last push reached it where it is now, before it moves (its
     * new place would no longer say so).
     */
    private static final String KEEP_REACHED_BEFORE_MOVE = """
            insert into alert_delivery (case_id, device_id, radius_km, delivered_at)
            select m.id, d.id, m.radius_km, $3
            from device d join missing_case m on earth_box(d.pos, $2) @> m.pos
            where d.id = $1
              and (m.status = 'PUBLISHED' or m.next_push_at is not null)
              and pg_visible_in_snapshot(d.located_xid, m.pushed_snapshot)
              and earth_distance(m.pos, d.pos) <= m.radius_km * 1000.0
            on conflict do nothing
            """;

    /**
     * How many devices the runs hold within {@code $3} m and farther than {@code $4} m: a push's read of a disc or a
     * ring, counted where it is made (the fan-out benchmark's reference, {@code deploy/bench-fanout.sh}).
     */
    private static final String COUNT_RING = withRunsAndPlace(ring() + """
            select count(*) as devices from ring
            """);

    private final Db db;

    /**
     * A CTE {@code ring (id, platform, push_token)}: the devices of the runs of cells whose distance from the case's
     * place is at most {@code $3} m and more than {@code $4} m, where a run's cells are not all known to be so.
     */
    private static String ring() {
        return """
                 ring as (
                     select d.id, d.platform, d.push_token
                     from runs r cross join place p cross join lateral (
                              select id, platform, push_token, latitude, longitude from device
                              where lat_cell = r."latCell" and lon_cell between r."lonFrom" and r."lonTo") d
                     where (not r."checkOuter"
                                or earth_distance(p.pos, ll_to_earth(d.latitude, d.longitude)) <= $3)
                       and (not r."checkInner"
                                or earth_distance(p.pos, ll_to_earth(d.latitude, d.longitude)) > $4))
                """;
    }

    /** Before CTEs of a push: the runs of cells given as JSON ({@code $2}), the case's place and last push ({@code $1}). */
    private static String withRunsAndPlace(String ctes) {
        return """
                with runs as (
                         select * from json_to_recordset(cast(cast($2 as text) as json))
                                as r("latCell" int, "lonFrom" int, "lonTo" int, "checkOuter" boolean,
                                     "checkInner" boolean)),
                     place as (select pos, pushed_snapshot from missing_case where id = $1),
                """ + ctes;
    }

    /** After CTEs that end in {@code recipients (id, platform, push_token)}: them, in the order they are read. */
    private static String recipients(String ctes) {
        return ctes + """
                select cast(id as text) as device_id, platform, push_token from recipients
                """;
    }

    public Deliveries(Db db) {
        this.db = db;
    }

    /** The snapshot the push of the case locked in this transaction reads the devices in, as text. */
    public Uni<String> snapshot() {
        return db.first(SNAPSHOT, row -> row.getString("snapshot"));
    }

    /** Before a device is put at a place: waits for pushes in progress near it (see {@link #snapshot}). */
    public Uni<Void> waitForPushesNear(double lat, double lon) {
        return db.list(LOCK_CASES_NEAR_PLACE, row -> row.getUUID("id"), lat, lon, widest())
                .replaceWithVoid();
    }

    /**
     * The devices newly reached by the case's alert at {@code radiusKm}: the ring beyond {@code reachedKm} (0 when the
     * case keeps its reach only as delivery rows) and the devices that moved into the old disc since; handed to {@code
     * each} {@value #CHUNK} at a time as they are read. Completes with how many there were.
     */
    public Uni<Long> reachNewDevices(
            MissingCase c, int radiusKm, int reachedKm, Function<List<Recipient>, Uni<Void>> each) {
        List<CellRing.Run> runs = CellRing.ring(c.latitude(), c.longitude(), reachedKm * 1000.0, radiusKm * 1000.0);
        return db.inChunks(
                REACH_NEW_DEVICES,
                CHUNK,
                Deliveries::recipient,
                each,
                c.id(),
                json(runs),
                radiusKm * 1000.0,
                reachedKm * 1000.0);
    }

    /** How many devices lie farther than {@code innerKm} and within {@code outerKm} of the case's place. */
    public Uni<Long> countRing(MissingCase c, int innerKm, int outerKm) {
        List<CellRing.Run> runs = CellRing.ring(c.latitude(), c.longitude(), innerKm * 1000.0, outerKm * 1000.0);
        return db.first(
                COUNT_RING, row -> row.getLong("devices"), c.id(), json(runs), outerKm * 1000.0, innerKm * 1000.0);
    }

    /** The devices the case's alert reached, handed to {@code each} as they are read; completes with how many. */
    public Uni<Long> tellClosure(MissingCase c, Function<List<Recipient>, Uni<Void>> each) {
        List<CellRing.Run> runs = c.radiusKm() == null || !c.pushedByCell()
                ? List.of()
                : CellRing.disc(c.latitude(), c.longitude(), c.radiusKm() * 1000.0);
        double radiusM = c.radiusKm() == null ? 0 : c.radiusKm() * 1000.0;
        return db.inChunks(TELL_CLOSURE, CHUNK, Deliveries::recipient, each, c.id(), json(runs), radiusM);
    }

    /** Forgets the devices kept as reached by the case (after its closure's push, in the same transaction). */
    public Uni<Integer> forgetReached(UUID caseId) {
        return db.update(FORGET_REACHED, caseId);
    }

    /**
     * Before the (locked) device moves: waits for pushes in progress near it, then keeps it as reached by each case
     * whose last push reached it where it is.
     */
    public Uni<Void> keepReachedBeforeMove(UUID deviceId, Instant now) {
        return db.list(LOCK_CASES_NEAR_DEVICE, row -> row.getUUID("id"), deviceId, widest())
                .chain(() -> db.update(KEEP_REACHED_BEFORE_MOVE, deviceId, widest(), now))
                .replaceWithVoid();
    }

    /** Metres around a case within which a device can matter to it (its widest radius, and a margin). */
    private static double widest() {
        return (RadiusSchedule.MAX_KM + 1) * 1000.0;
    }

    private static String json(List<CellRing.Run> runs) {
        try {
            return EventCodec.get().mapper().writeValueAsString(runs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("runs of cells not written as JSON", e);
        }
    }

    private static Recipient recipient(Row row) {
        return new Recipient(row.getString("device_id"), row.getString("platform"), row.getString("push_token"));
    }
}
