package org.gongyi.reunion.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.events.contract.NotificationBatch.Recipient;
import org.gongyi.reunion.domain.SafeZone;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Elders, their guardians, their locator positions and their exits from the safe zone. */
@ApplicationScoped
public class Elders {

    /** A position of the person's locator. */
    public record Position(double latitude, double longitude, Instant recordedAt) {
        static Position from(Row row) {
            return new Position(row.getDouble("latitude"), row.getDouble("longitude"), Db.instant(row, "recorded_at"));
        }
    }

    private static final String LOCATOR_ENROLLED = """
            select exists (select 1 from elder where locator_id = $1) as enrolled
            """;
    private static final String ENROL = """
            insert into elder (id, name, birth_year, condition, locator_id, zone_latitude, zone_longitude, zone_radius_m,
                               zone_state, created_by, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, 'UNKNOWN', $9, $10)
            returning %s
            """.formatted(Elder.COLUMNS);
    private static final String ADD_GUARDIAN = """
            insert into elder_guardian (elder_id, guardian_id, added_at) values ($1, $2, $3) on conflict do nothing
            """;
    private static final String BY_ID = "select %s from elder where id = $1".formatted(Elder.COLUMNS);
    /** The elder, when {@code $2} is one of their guardians. */
    private static final String GUARDED = """
            select %s from elder
            where id = $1 and exists (select 1 from elder_guardian g where g.elder_id = elder.id and g.guardian_id = $2)
            """.formatted(Elder.COLUMNS);

    private static final String OF_GUARDIAN = """
            select %s from elder
            where id in (select elder_id from elder_guardian where guardian_id = $1)
            order by created_at, id
            """.formatted(Elder.COLUMNS);
    /** A new safe zone, judged afresh by the next position. */
    private static final String MOVE_ZONE = """
            update elder set zone_latitude = $2, zone_longitude = $3, zone_radius_m = $4, zone_state = 'UNKNOWN'
            where id = $1
            returning %s
            """.formatted(Elder.COLUMNS);

    private static final String GUARDIANS = """
            select guardian_id from elder_guardian where elder_id = $1 order by added_at, guardian_id
            """;
    private static final String POSITIONS_SINCE = """
            select latitude, longitude, recorded_at from elder_position
            where elder_id = $1 and recorded_at >= $2
            order by recorded_at desc limit $3
            """;
    private static final String LATEST_POSITION = """
            select latitude, longitude, recorded_at from elder_position
            where elder_id = $1
            order by recorded_at desc limit 1
            """;
    private static final String ALERTS = """
            select %s from elder_alert where elder_id = $1 order by left_at desc limit 200
            """.formatted(ElderAlert.COLUMNS);
    private static final String OPEN_ALERT_LEFT_AT = """
            select left_at from elder_alert where elder_id = $1 and returned_at is null
            """;
    /** The elder wearing the locator, locked: positions of one person apply one after another. */
    private static final String BY_LOCATOR_LOCKED = """
            select %s from elder where locator_id = $1 for update
            """.formatted(Elder.COLUMNS);
    /** A position, once (the same time sent again changes nothing). */
    private static final String ADD_POSITION = """
            insert into elder_position (elder_id, latitude, longitude, recorded_at, received_at, source_event_id)
            values ($1, $2, $3, $4, $5, $6)
            on conflict do nothing
            """;

    private static final String SEEN = """
            update elder set last_seen_at = $2, zone_state = $3, last_event_id = $4 where id = $1
            """;
    private static final String OPEN_ALERT = """
            insert into elder_alert (id, elder_id, left_at, latitude, longitude, source_event_id)
            values ($1, $2, $3, $4, $5, $6)
            """;
    private static final String CLOSE_OPEN_ALERT = """
            update elder_alert set returned_at = $2, returned_event_id = $3
            where elder_id = $1 and returned_at is null
            """;
    private static final String GUARDIANS_DEVICES = """
            select d.id, d.platform, d.push_token
            from device d join elder_guardian g on g.guardian_id = d.owner_id
            where g.elder_id = $1
            order by d.id
            """;
    /** Invites a guardian, unless they are one already (or invited: the first invitation stands). */
    private static final String INVITE = """
            insert into guardian_invitation (elder_id, guardian_id, invited_by, invited_at)
            select cast($1 as uuid), cast($2 as varchar), cast($3 as varchar), cast($4 as timestamptz)
            where not exists (select 1 from elder_guardian where elder_id = $1 and guardian_id = $2)
            on conflict do nothing
            """;

    private static final String INVITED = """
            select guardian_id from guardian_invitation where elder_id = $1 order by invited_at, guardian_id
            """;
    /** The person {@code $1} was invited to guard, with who invited them. */
    private static final String INVITATIONS_OF = """
            select i.elder_id, e.name, i.invited_by, i.invited_at
            from guardian_invitation i join elder e on e.id = i.elder_id
            where i.guardian_id = $1
            order by i.invited_at, i.elder_id
            """;

    private static final String WITHDRAW_INVITATION = """
            delete from guardian_invitation where elder_id = $1 and guardian_id = $2
            """;
    private static final String REMOVE_GUARDIAN = """
            delete from elder_guardian where elder_id = $1 and guardian_id = $2
            """;
    /** The elder's guardian rows, locked: the last guardian cannot leave while another one does. */
    private static final String GUARDIANS_LOCKED = """
            select guardian_id from elder_guardian where elder_id = $1 order by guardian_id for update
            """;
    /** Erases the person: their guardians, positions, exit alerts, invitations and escalations go with them. */
    private static final String UNENROL = "delete from elder where id = $1";

    private static final String PURGE_POSITIONS_BEFORE = "delete from elder_position where recorded_at < $1";
    private static final String FORGET_ALERT_PLACES_BEFORE = """
            update elder_alert set latitude = null, longitude = null where left_at < $1 and latitude is not null
            """;

    private final Db db;

    public Elders(Db db) {
        this.db = db;
    }

    public Uni<Boolean> locatorEnrolled(String locatorId) {
        return db.first(LOCATOR_ENROLLED, row -> row.getBoolean("enrolled"), locatorId);
    }

    public Uni<Elder> enrol(
            UUID id,
            String name,
            int birthYear,
            String condition,
            String locatorId,
            SafeZone zone,
            String guardian,
            Instant now) {
        return db.first(
                ENROL,
                Elder::from,
                id,
                name,
                birthYear,
                condition,
                locatorId,
                zone.latitude(),
                zone.longitude(),
                zone.radiusMetres(),
                guardian,
                now);
    }

    public Uni<Integer> addGuardian(UUID elderId, String guardian, Instant now) {
        return db.update(ADD_GUARDIAN, elderId, guardian, now);
    }

    /** The elder, or null. */
    public Uni<Elder> find(UUID id) {
        return db.first(BY_ID, Elder::from, id);
    }

    /** The elder if {@code guardian} is one of their guardians; null otherwise (whether or not the elder exists). */
    public Uni<Elder> guarded(UUID id, String guardian) {
        return db.first(GUARDED, Elder::from, id, guardian);
    }

    public Uni<List<Elder>> ofGuardian(String guardian) {
        return db.list(OF_GUARDIAN, Elder::from, guardian);
    }

    public Uni<Elder> moveZone(UUID id, SafeZone zone) {
        return db.first(MOVE_ZONE, Elder::from, id, zone.latitude(), zone.longitude(), zone.radiusMetres());
    }

    public Uni<List<String>> guardians(UUID elderId) {
        return db.list(GUARDIANS, row -> row.getString("guardian_id"), elderId);
    }

    /** The positions recorded since {@code since}, newest first. */
    public Uni<List<Position>> positionsSince(UUID elderId, Instant since, int limit) {
        return db.list(POSITIONS_SINCE, Position::from, elderId, since, limit);
    }

    /** The latest position kept, or null. */
    public Uni<Position> latestPosition(UUID elderId) {
        return db.first(LATEST_POSITION, Position::from, elderId);
    }

    /** The latest 200 exits from the safe zone, newest first. */
    public Uni<List<ElderAlert>> alerts(UUID elderId) {
        return db.list(ALERTS, ElderAlert::from, elderId);
    }

    /** When the person left the zone, if they are out now; null otherwise. */
    public Uni<Instant> openAlertLeftAt(UUID elderId) {
        return db.first(OPEN_ALERT_LEFT_AT, row -> Db.instant(row, "left_at"), elderId);
    }

    public Uni<Elder> lockByLocator(String locatorId) {
        return db.first(BY_LOCATOR_LOCKED, Elder::from, locatorId);
    }

    /** True when the position is new. */
    public Uni<Boolean> addPosition(
            UUID elderId, double lat, double lon, Instant recordedAt, Instant now, UUID eventId) {
        return db.update(ADD_POSITION, elderId, lat, lon, recordedAt, now, eventId)
                .map(n -> n == 1);
    }

    /** The person's latest position put them {@code state} (inside or outside the zone). */
    public Uni<Integer> seen(UUID elderId, Instant at, SafeZone.State state, UUID eventId) {
        return db.update(SEEN, elderId, at, state, eventId);
    }

    public Uni<Integer> openAlert(UUID id, UUID elderId, Instant leftAt, double lat, double lon, UUID eventId) {
        return db.update(OPEN_ALERT, id, elderId, leftAt, lat, lon, eventId);
    }

    public Uni<Integer> closeOpenAlert(UUID elderId, Instant returnedAt, UUID eventId) {
        return db.update(CLOSE_OPEN_ALERT, elderId, returnedAt, eventId);
    }

    /** Every device of the elder's guardians, as push recipients. */
    public Uni<List<Recipient>> guardiansDevices(UUID elderId) {
        return db.list(
                GUARDIANS_DEVICES,
                row -> new Recipient(
                        row.getUUID("id").toString(), row.getString("platform"), row.getString("push_token")),
                elderId);
    }

    /** An invitation to guard a person. */
    public record Invitation(UUID elderId, String name, String invitedBy, Instant invitedAt) {
        static Invitation from(Row row) {
            return new Invitation(
                    row.getUUID("elder_id"),
                    row.getString("name"),
                    row.getString("invited_by"),
                    Db.instant(row, "invited_at"));
        }
    }

    /** 1 when invited now, 0 when already a guardian or invited. */
    public Uni<Integer> invite(UUID elderId, String guardian, String invitedBy, Instant now) {
        return db.update(INVITE, elderId, guardian, invitedBy, now);
    }

    public Uni<List<String>> invited(UUID elderId) {
        return db.list(INVITED, row -> row.getString("guardian_id"), elderId);
    }

    public Uni<List<Invitation>> invitationsOf(String guardian) {
        return db.list(INVITATIONS_OF, Invitation::from, guardian);
    }

    /** True when there was an invitation (accepted or declined now). */
    public Uni<Boolean> withdrawInvitation(UUID elderId, String guardian) {
        return db.update(WITHDRAW_INVITATION, elderId, guardian).map(n -> n == 1);
    }

    public Uni<Integer> removeGuardian(UUID elderId, String guardian) {
        return db.update(REMOVE_GUARDIAN, elderId, guardian);
    }

    public Uni<List<String>> lockGuardians(UUID elderId) {
        return db.list(GUARDIANS_LOCKED, row -> row.getString("guardian_id"), elderId);
    }

    public Uni<Integer> unenrol(UUID elderId) {
        return db.update(UNENROL, elderId);
    }

    /** Deletes the positions recorded before {@code cutoff} and the places of exits before it; positions deleted. */
    public Uni<Integer> purgeBefore(Instant cutoff) {
        return db.update(PURGE_POSITIONS_BEFORE, cutoff).call(() -> db.update(FORGET_ALERT_PLACES_BEFORE, cutoff));
    }
}
