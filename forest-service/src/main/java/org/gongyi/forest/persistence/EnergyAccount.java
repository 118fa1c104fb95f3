package org.gongyi.forest.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;

/** A user's collected energy. Changed only by conditional SQL updates (see {@code EnergyAccounts}). */
public record EnergyAccount(String userId, long balanceGrams, long collectedGrams, long spentGrams, Instant createdAt) {

    static final String COLUMNS = "user_id, balance_grams, collected_grams, spent_grams, created_at";

    static EnergyAccount from(Row row) {
        return new EnergyAccount(
                row.getString("user_id"),
                row.getLong("balance_grams"),
                row.getLong("collected_grams"),
                row.getLong("spent_grams"),
                Db.instant(row, "created_at"));
    }

    /** The account of a user who has none yet: nothing collected. */
    public static EnergyAccount empty(String userId) {
        return new EnergyAccount(userId, 0, 0, 0, null);
    }
}
