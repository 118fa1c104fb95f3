package org.gongyi.reunion.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/**
 * A family reporting a missing child to a police agency: who the child is, where and when they were lost, how the
 * police reach the family. The agency's police publish a case from it ({@code caseId}) or decline it with a reason;
 * until then it is {@code PENDING}. Only the agency's police and the reporter see it.
 */
public record ChildReport(
        UUID id,
        String agencyId,
        String reporterId,
        String reporterContact,
        String childName,
        int age,
        MissingCase.Sex sex,
        String description,
        String photoUrl,
        double latitude,
        double longitude,
        Instant lostAt,
        Instant createdAt,
        Status status,
        Instant decidedAt,
        String decidedBy,
        String declineReason,
        UUID caseId) {

    @Schema(name = "ChildReportStatus")
    public enum Status {
        PENDING,
        PUBLISHED,
        DECLINED
    }

    static final String COLUMNS = """
            id, agency_id, reporter_id, reporter_contact, child_name, age, sex, description, photo_url, latitude,
            longitude, lost_at, created_at, status, decided_at, decided_by, decline_reason, case_id""";

    static ChildReport from(Row row) {
        return new ChildReport(
                row.getUUID("id"),
                row.getString("agency_id"),
                row.getString("reporter_id"),
                row.getString("reporter_contact"),
                row.getString("child_name"),
                row.getInteger("age"),
                MissingCase.Sex.valueOf(row.getString("sex")),
                row.getString("description"),
                row.getString("photo_url"),
                row.getDouble("latitude"),
                row.getDouble("longitude"),
                Db.instant(row, "lost_at"),
                Db.instant(row, "created_at"),
                Status.valueOf(row.getString("status")),
                Db.instant(row, "decided_at"),
                row.getString("decided_by"),
                row.getString("decline_reason"),
                row.getUUID("case_id"));
    }
}
