package org.gongyi.forest.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** A plot in a poverty-alleviation county that one user may claim (认领). */
public record CountyPlot(
        UUID id,
        String county,
        String name,
        long sizeM2,
        long priceGrams,
        String claimedBy,
        Instant claimedAt,
        String certificateNo,
        Instant createdAt) {

    static final String COLUMNS = """
            id, county, name, size_m2, price_grams, claimed_by, claimed_at, certificate_no, created_at""";

    static CountyPlot from(Row row) {
        return new CountyPlot(
                row.getUUID("id"),
                row.getString("county"),
                row.getString("name"),
                row.getLong("size_m2"),
                row.getLong("price_grams"),
                row.getString("claimed_by"),
                Db.instant(row, "claimed_at"),
                row.getString("certificate_no"),
                Db.instant(row, "created_at"));
    }
}
