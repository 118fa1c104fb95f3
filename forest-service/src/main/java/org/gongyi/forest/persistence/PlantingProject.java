package org.gongyi.forest.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** A partner planting one species in one region, up to {@code stock} trees. */
public record PlantingProject(
        UUID id,
        String name,
        String region,
        String speciesCode,
        String partner,
        int stock,
        int planted,
        Instant createdAt) {

    static final String COLUMNS = "id, name, region, species_code, partner, stock, planted, created_at";

    static PlantingProject from(Row row) {
        return new PlantingProject(
                row.getUUID("id"),
                row.getString("name"),
                row.getString("region"),
                row.getString("species_code"),
                row.getString("partner"),
                row.getInteger("stock"),
                row.getInteger("planted"),
                Db.instant(row, "created_at"));
    }
}
