package org.gongyi.reunion.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/**
 * A guardian reporting a missing elder to a police agency, which may publish a case from it. It keeps where the
 * person was when it was made (the latest position, or the safe zone's centre when none is kept) and whether they
 * were out of the zone since; the agency sees it until {@code expiresAt}.
 */
public record Escalation(
        UUID id,
        UUID elderId,
        String agencyId,
        String guardianId,
        String note,
        Instant createdAt,
        UUID caseId,
        double lastLatitude,
        double lastLongitude,
        Instant lastRecordedAt,
        Instant leftZoneAt,
        Instant expiresAt) {

    static final String COLUMNS = """
            id, elder_id, agency_id, guardian_id, note, created_at, case_id, last_latitude, last_longitude,
            last_recorded_at, left_zone_at, expires_at""";

    static Escalation from(Row row) {
        return new Escalation(
                row.getUUID("id"),
                row.getUUID("elder_id"),
                row.getString("agency_id"),
                row.getString("guardian_id"),
                row.getString("note"),
                Db.instant(row, "created_at"),
                row.getUUID("case_id"),
                row.getDouble("last_latitude"),
                row.getDouble("last_longitude"),
                Db.instant(row, "last_recorded_at"),
                Db.instant(row, "left_zone_at"),
                Db.instant(row, "expires_at"));
    }

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
