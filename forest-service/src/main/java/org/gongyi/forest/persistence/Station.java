package org.gongyi.forest.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** A monitoring station photographing one plot. */
public record Station(UUID id, UUID plotId, String name, Instant createdAt) {

    static final String COLUMNS = "id, plot_id, name, created_at";

    static Station from(Row row) {
        return new Station(
                row.getUUID("id"), row.getUUID("plot_id"), row.getString("name"), Db.instant(row, "created_at"));
    }
}
