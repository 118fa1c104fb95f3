package org.gongyi.forest.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;

/** A tree species and the energy it costs to plant one. */
public record TreeSpecies(String code, String nameZh, String nameEn, long energyGrams, Instant createdAt) {

    static final String COLUMNS = "code, name_zh, name_en, energy_grams, created_at";

    static TreeSpecies from(Row row) {
        return new TreeSpecies(
                row.getString("code"),
                row.getString("name_zh"),
                row.getString("name_en"),
                row.getLong("energy_grams"),
                Db.instant(row, "created_at"));
    }
}
