package org.gongyi.reunion.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/**
 * A missing-person case an officer published (its {@code pos} earth column is the place of loss, for the GiST index);
 * {@code devicesReached}: the devices its alert was delivered to, counted as it is pushed (kept when they opt out);
 * {@code pushedByCell}: its reach is kept as the snapshot and radius of its last push (V14), not only as a delivery row
 * per device (cases pushed before).
 */
public record MissingCase(
        UUID id,
        String agencyId,
        String officerId,
        String personName,
        int age,
        Sex sex,
        String photoUrl,
        String description,
        double latitude,
        double longitude,
        Instant lostAt,
        String contact,
        Status status,
        Instant publishedAt,
        Integer radiusKm,
        Instant nextPushAt,
        Instant closedAt,
        String closedBy,
        Closure closure,
        Outcome outcome,
        Subject subject,
        long devicesReached,
        boolean pushedByCell) {

    @Schema(name = "MissingCaseSex")
    public enum Sex {
        FEMALE,
        MALE,
        UNKNOWN
    }

    @Schema(name = "MissingCaseStatus")
    public enum Status {
        PUBLISHED,
        CLOSED
    }

    @Schema(name = "MissingCaseClosure")
    public enum Closure {
        FOUND,
        FALSE_REPORT
    }

    /** Who a case is about: a missing child, or an elder (a case published from a guardian's escalation). */
    @Schema(name = "MissingCaseSubject")
    public enum Subject {
        CHILD,
        ELDER
    }

    @Schema(name = "MissingCaseOutcome")
    public enum Outcome {
        RESCUED,
        RAN_AWAY,
        LOST,
        DECEASED,
        OTHER
    }

    static final String COLUMNS = """
            id, agency_id, officer_id, person_name, age, sex, photo_url, description, latitude, longitude, lost_at,
            contact, status, published_at, radius_km, next_push_at, closed_at, closed_by, closure, outcome, subject,
            devices_reached, pushed_snapshot is not null as pushed_by_cell""";

    static MissingCase from(Row row) {
        String closure = row.getString("closure");
        String outcome = row.getString("outcome");
        return new MissingCase(
                row.getUUID("id"),
                row.getString("agency_id"),
                row.getString("officer_id"),
                row.getString("person_name"),
                row.getInteger("age"),
                Sex.valueOf(row.getString("sex")),
                row.getString("photo_url"),
                row.getString("description"),
                row.getDouble("latitude"),
                row.getDouble("longitude"),
                Db.instant(row, "lost_at"),
                row.getString("contact"),
                Status.valueOf(row.getString("status")),
                Db.instant(row, "published_at"),
                row.getInteger("radius_km"),
                Db.instant(row, "next_push_at"),
                Db.instant(row, "closed_at"),
                row.getString("closed_by"),
                closure == null ? null : Closure.valueOf(closure),
                outcome == null ? null : Outcome.valueOf(outcome),
                Subject.valueOf(row.getString("subject")),
                row.getLong("devices_reached"),
                row.getBoolean("pushed_by_cell"));
    }

    /** The alert's headline, as pushed and shown. */
    public String title() {
        return "Missing: " + personName + ", " + age + ", " + sex.name().toLowerCase();
    }
}
