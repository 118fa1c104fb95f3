package org.gongyi.forest.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** A protected area (人人一平米), claimed by the square metre at an energy price. */
public record ProtectedArea(
        UUID id, String name, String region, long sizeM2, long claimedM2, long priceGramsPerM2, Instant createdAt) {

    static final String COLUMNS = "id, name, region, size_m2, claimed_m2, price_grams_per_m2, created_at";

    static ProtectedArea from(Row row) {
        return new ProtectedArea(
                row.getUUID("id"),
                row.getString("name"),
                row.getString("region"),
                row.getLong("size_m2"),
                row.getLong("claimed_m2"),
                row.getLong("price_grams_per_m2"),
                Db.instant(row, "created_at"));
    }
}
