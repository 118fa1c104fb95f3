package org.gongyi.reunion.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** An exit from the safe zone: open until the person is back inside. */
public record ElderAlert(
        UUID id,
        UUID elderId,
        Instant leftAt,
        Double latitude,
        Double longitude,
        Instant returnedAt,
        UUID sourceEventId) {

    static final String COLUMNS = "id, elder_id, left_at, latitude, longitude, returned_at, source_event_id";

    static ElderAlert from(Row row) {
        return new ElderAlert(
                row.getUUID("id"),
                row.getUUID("elder_id"),
                Db.instant(row, "left_at"),
                row.getDouble("latitude"),
                row.getDouble("longitude"),
                Db.instant(row, "returned_at"),
                row.getUUID("source_event_id"));
    }
}
