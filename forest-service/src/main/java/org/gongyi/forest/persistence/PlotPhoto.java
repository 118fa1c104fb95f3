package org.gongyi.forest.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** A photo a station took of its plot. */
public record PlotPhoto(UUID id, UUID stationId, UUID plotId, Instant takenAt, String imageUrl, Instant receivedAt) {

    static final String COLUMNS = "id, station_id, plot_id, taken_at, image_url, received_at";

    static PlotPhoto from(Row row) {
        return new PlotPhoto(
                row.getUUID("id"),
                row.getUUID("station_id"),
                row.getUUID("plot_id"),
                Db.instant(row, "taken_at"),
                row.getString("image_url"),
                Db.instant(row, "received_at"));
    }
}
