package org.gongyi.reunion.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;
import org.gongyi.reunion.domain.SafeZone;

import java.time.Instant;
import java.util.UUID;

/** An elderly person a guardian enrolled, with a locator and a safe zone. Readable by their guardians only. */
public record Elder(
        UUID id,
        String name,
        int birthYear,
        String condition,
        String locatorId,
        double zoneLatitude,
        double zoneLongitude,
        int zoneRadiusM,
        SafeZone.State zoneState,
        Instant lastSeenAt,
        UUID lastEventId,
        String createdBy,
        Instant createdAt) {

    static final String COLUMNS = """
            id, name, birth_year, condition, locator_id, zone_latitude, zone_longitude, zone_radius_m, zone_state,
            last_seen_at, last_event_id, created_by, created_at""";

    static Elder from(Row row) {
        return new Elder(
                row.getUUID("id"),
                row.getString("name"),
                row.getInteger("birth_year"),
                row.getString("condition"),
                row.getString("locator_id"),
                row.getDouble("zone_latitude"),
                row.getDouble("zone_longitude"),
                row.getInteger("zone_radius_m"),
                SafeZone.State.valueOf(row.getString("zone_state")),
                Db.instant(row, "last_seen_at"),
                row.getUUID("last_event_id"),
                row.getString("created_by"),
                Db.instant(row, "created_at"));
    }

    public SafeZone zone() {
        return new SafeZone(zoneLatitude, zoneLongitude, zoneRadiusM);
    }
}
