package org.gongyi.reunion.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** A guardian reporting a missing elder to a police agency, which may publish a case from it. */
public record Escalation(UUID id, UUID elderId, String agencyId, String guardianId, String note, Instant createdAt,
                         UUID caseId) {

    static final String COLUMNS = "id, elder_id, agency_id, guardian_id, note, created_at, case_id";

    static Escalation from(Row row) {
        return new Escalation(row.getUUID("id"), row.getUUID("elder_id"), row.getString("agency_id"),
                row.getString("guardian_id"), row.getString("note"), Db.instant(row, "created_at"),
                row.getUUID("case_id"));
    }
}
