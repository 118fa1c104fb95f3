package org.gongyi.forest.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A plot of a planting project, where its trees stand. */
public record Plot(
        UUID id, UUID projectId, String name, BigDecimal latitude, BigDecimal longitude, int trees, Instant createdAt) {

    static final String COLUMNS = "id, project_id, name, latitude, longitude, trees, created_at";

    static Plot from(Row row) {
        return new Plot(
                row.getUUID("id"),
                row.getUUID("project_id"),
                row.getString("name"),
                row.getBigDecimal("latitude"),
                row.getBigDecimal("longitude"),
                row.getInteger("trees"),
                Db.instant(row, "created_at"));
    }
}
