package org.gongyi.forest.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** An invitation to share a tree: when the partner accepts, both pay their part at once. */
public record CoPlanting(
        UUID id,
        UUID projectId,
        String initiatorId,
        String partnerId,
        long initiatorGrams,
        long partnerGrams,
        String status,
        String certificateNo,
        Instant createdAt,
        Instant decidedAt) {

    static final String COLUMNS = """
            id, project_id, initiator_id, partner_id, initiator_grams, partner_grams, status, certificate_no, created_at,
            decided_at""";

    static CoPlanting from(Row row) {
        return new CoPlanting(
                row.getUUID("id"),
                row.getUUID("project_id"),
                row.getString("initiator_id"),
                row.getString("partner_id"),
                row.getLong("initiator_grams"),
                row.getLong("partner_grams"),
                row.getString("status"),
                row.getString("certificate_no"),
                Db.instant(row, "created_at"),
                Db.instant(row, "decided_at"));
    }
}
