package org.gongyi.volunteer.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** A volunteer's sign-up: confirmed while places are left, wait-listed in arrival order ({@code seq}) after. */
public record SignUp(
        UUID id,
        long seq,
        UUID activityId,
        String userId,
        Status status,
        Instant signedUpAt,
        Instant confirmedAt,
        Instant cancelledAt) {

    @Schema(name = "SignUpStatus")
    public enum Status {
        CONFIRMED,
        WAITLISTED,
        CANCELLED
    }

    static final String COLUMNS = "id, seq, activity_id, user_id, status, signed_up_at, confirmed_at, cancelled_at";

    static SignUp from(Row row) {
        return new SignUp(
                row.getUUID("id"),
                row.getLong("seq"),
                row.getUUID("activity_id"),
                row.getString("user_id"),
                Status.valueOf(row.getString("status")),
                Db.instant(row, "signed_up_at"),
                Db.instant(row, "confirmed_at"),
                Db.instant(row, "cancelled_at"));
    }
}
