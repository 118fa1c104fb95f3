package org.gongyi.reunion.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** A lead the public sent on a case: seen only by the case's agency. */
public record Lead(
        UUID id,
        UUID caseId,
        String authorId,
        String text,
        Double latitude,
        Double longitude,
        String photoUrl,
        Instant createdAt) {

    static final String COLUMNS = "id, case_id, author_id, text, latitude, longitude, photo_url, created_at";

    static Lead from(Row row) {
        return new Lead(
                row.getUUID("id"),
                row.getUUID("case_id"),
                row.getString("author_id"),
                row.getString("text"),
                row.getDouble("latitude"),
                row.getDouble("longitude"),
                row.getString("photo_url"),
                Db.instant(row, "created_at"));
    }
}
