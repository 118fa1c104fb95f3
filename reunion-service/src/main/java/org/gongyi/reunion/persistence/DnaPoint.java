package org.gongyi.reunion.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** A free police DNA collection point (滴血寻亲). */
public record DnaPoint(
        UUID id,
        String name,
        String address,
        String phone,
        String openingHours,
        double latitude,
        double longitude,
        Instant createdAt) {

    static final String COLUMNS = "id, name, address, phone, opening_hours, latitude, longitude, created_at";

    static DnaPoint from(Row row) {
        return new DnaPoint(
                row.getUUID("id"),
                row.getString("name"),
                row.getString("address"),
                row.getString("phone"),
                row.getString("opening_hours"),
                row.getDouble("latitude"),
                row.getDouble("longitude"),
                Db.instant(row, "created_at"));
    }
}
