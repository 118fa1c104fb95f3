package org.gongyi.volunteer.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** An activity an organisation publishes: volunteers sign up to its places. {@code confirmed} ≤ {@code capacity}. */
public record Activity(
        UUID id,
        String organisationId,
        String title,
        String description,
        String place,
        Instant startsAt,
        Instant endsAt,
        Instant signUpDeadline,
        int capacity,
        int confirmed,
        Status status,
        String createdBy,
        Instant createdAt,
        Instant cancelledAt,
        Instant remindedAt,
        String checkInCode) {

    public enum Status {
        OPEN,
        CANCELLED
    }

    static final String COLUMNS = """
            id, organisation_id, title, description, place, starts_at, ends_at, sign_up_deadline, capacity, confirmed,
            status, created_by, created_at, cancelled_at, reminded_at, check_in_code""";

    static Activity from(Row row) {
        return new Activity(
                row.getUUID("id"),
                row.getString("organisation_id"),
                row.getString("title"),
                row.getString("description"),
                row.getString("place"),
                Db.instant(row, "starts_at"),
                Db.instant(row, "ends_at"),
                Db.instant(row, "sign_up_deadline"),
                row.getInteger("capacity"),
                row.getInteger("confirmed"),
                Status.valueOf(row.getString("status")),
                row.getString("created_by"),
                Db.instant(row, "created_at"),
                Db.instant(row, "cancelled_at"),
                Db.instant(row, "reminded_at"),
                row.getString("check_in_code"));
    }

    public int placesLeft() {
        return capacity - confirmed;
    }

    /** What an organisation asks for; {@link #open} makes it an activity. */
    public record Draft(
            String organisationId,
            String title,
            String description,
            String place,
            Instant startsAt,
            Instant endsAt,
            Instant signUpDeadline,
            int capacity,
            String createdBy) {

        public Activity open(UUID id, String checkInCode, Instant now) {
            return new Activity(
                    id,
                    organisationId,
                    title,
                    description,
                    place,
                    startsAt,
                    endsAt,
                    signUpDeadline,
                    capacity,
                    0,
                    Status.OPEN,
                    createdBy,
                    now,
                    null,
                    null,
                    checkInCode);
        }
    }
}
