package org.gongyi.reunion.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/**
 * A lead the public sent on a case: seen only by the case's agency, whose officers mark it handled once (who, when,
 * with an outcome and a note; all null until then).
 */
public record Lead(
        UUID id,
        UUID caseId,
        String authorId,
        String text,
        Double latitude,
        Double longitude,
        String photoUrl,
        Instant createdAt,
        Instant handledAt,
        String handledBy,
        Handling handlingOutcome,
        String handlingNote) {

    /** What came of a lead the police followed. */
    @Schema(name = "LeadHandling")
    public enum Handling {
        FOLLOWED_UP,
        NOT_RELEVANT,
        DUPLICATE
    }

    static final String COLUMNS = """
            id, case_id, author_id, text, latitude, longitude, photo_url, created_at, handled_at, handled_by,
            handling_outcome, handling_note""";

    static Lead from(Row row) {
        String outcome = row.getString("handling_outcome");
        return new Lead(
                row.getUUID("id"),
                row.getUUID("case_id"),
                row.getString("author_id"),
                row.getString("text"),
                row.getDouble("latitude"),
                row.getDouble("longitude"),
                row.getString("photo_url"),
                Db.instant(row, "created_at"),
                Db.instant(row, "handled_at"),
                row.getString("handled_by"),
                outcome == null ? null : Handling.valueOf(outcome),
                row.getString("handling_note"));
    }

    public boolean handled() {
        return handledAt != null;
    }
}
