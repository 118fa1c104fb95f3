package org.gongyi.reunion.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** A device that opted in to alerts, with its latest coarse location. */
public record Device(
        UUID id,
        String ownerId,
        Platform platform,
        String pushToken,
        double latitude,
        double longitude,
        Instant registeredAt,
        Instant locatedAt) {

    @Schema(name = "DevicePlatform")
    public enum Platform {
        IOS,
        ANDROID,
        WEB
    }

    static final String COLUMNS = "id, owner_id, platform, push_token, latitude, longitude, registered_at, located_at";

    static Device from(Row row) {
        return new Device(
                row.getUUID("id"),
                row.getString("owner_id"),
                Platform.valueOf(row.getString("platform")),
                row.getString("push_token"),
                row.getDouble("latitude"),
                row.getDouble("longitude"),
                Db.instant(row, "registered_at"),
                Db.instant(row, "located_at"));
    }
}
