package org.gongyi.volunteer.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** A volunteer's attendance at an activity: checked in, out, the time recorded and then verified. */
public record ServiceRecord(
        UUID id,
        UUID activityId,
        String userId,
        Instant checkedInAt,
        Instant checkedOutAt,
        Integer minutes,
        Integer tenths,
        Status status,
        String verifiedBy,
        Instant verifiedAt,
        String disputeReason) {

    @Schema(name = "ServiceRecordStatus")
    public enum Status {
        OPEN,
        RECORDED,
        DISPUTED,
        VERIFIED
    }

    static final String COLUMNS = """
            id, activity_id, user_id, checked_in_at, checked_out_at, minutes, tenths, status, verified_by, verified_at,
            dispute_reason""";

    static ServiceRecord from(Row row) {
        return new ServiceRecord(
                row.getUUID("id"),
                row.getUUID("activity_id"),
                row.getString("user_id"),
                Db.instant(row, "checked_in_at"),
                Db.instant(row, "checked_out_at"),
                row.getInteger("minutes"),
                row.getInteger("tenths"),
                Status.valueOf(row.getString("status")),
                row.getString("verified_by"),
                Db.instant(row, "verified_at"),
                row.getString("dispute_reason"));
    }
}
