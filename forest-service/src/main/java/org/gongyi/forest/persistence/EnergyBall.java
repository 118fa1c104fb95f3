package org.gongyi.forest.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** Energy waiting to be collected: ripe from {@code ripensAt}, gone at {@code expiresAt}. */
public record EnergyBall(
        UUID id,
        String userId,
        Kind kind,
        String actionType,
        UUID actionId,
        String fromUser,
        long grams,
        Instant ripensAt,
        Instant expiresAt,
        Instant collectedAt,
        Long collectedGrams,
        Long friendGrams,
        Instant createdAt) {

    @Schema(name = "EnergyBallKind")
    public enum Kind {
        ACTION,
        WATERING
    }

    static final String COLUMNS = """
            id, user_id, kind, action_type, action_id, from_user, grams, ripens_at, expires_at, collected_at,
            collected_grams, friend_grams, created_at""";

    static EnergyBall from(Row row) {
        return new EnergyBall(
                row.getUUID("id"),
                row.getString("user_id"),
                Kind.valueOf(row.getString("kind")),
                row.getString("action_type"),
                row.getUUID("action_id"),
                row.getString("from_user"),
                row.getLong("grams"),
                Db.instant(row, "ripens_at"),
                Db.instant(row, "expires_at"),
                Db.instant(row, "collected_at"),
                row.getLong("collected_grams"),
                row.getLong("friend_grams"),
                Db.instant(row, "created_at"));
    }

    /** What the owner would get now: what a friend took stays with the friend. */
    public long collectableGrams() {
        return grams - (friendGrams == null ? 0 : friendGrams);
    }
}
