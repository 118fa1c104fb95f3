package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import org.gongyi.common.persistence.Sql;

import java.time.Instant;

import static org.gongyi.common.persistence.Sql.utc;

/**
 * Balances change only through these conditional updates, in the caller's transaction: a debit succeeds only if the
 * balance covers it, so the balance is never negative and concurrent spends of one balance cannot both succeed.
 */
public final class EnergyAccounts {
    private EnergyAccounts() {
    }

    /** Opens the account if the user has none; counts a new user in the totals. */
    public static Uni<Void> open(String userId, Instant now) {
        return Sql.exec("insert into energy_account (user_id, created_at) values (?1, ?2) on conflict do nothing",
                userId, utc(now)).chain(created -> created == 0 ? Uni.createFrom().voidItem()
                : Totals.add(userId, "users", 1));
    }

    /** Opens the accounts of {@code users} that have none (counting each new one in the totals). */
    public static Uni<Void> openAll(java.util.Collection<String> users, Instant now) {
        if (users.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Sql.strings("insert into energy_account (user_id, created_at) select u, ?2 from unnest(cast(?1 as text[])) "
                        + "as u on conflict do nothing returning user_id", users.toArray(new String[0]), utc(now))
                .chain(created -> {
                    java.util.Map<String, Long> opened = new java.util.HashMap<>();
                    created.forEach(u -> opened.put(u, 1L));
                    return Totals.addEach("users", opened);
                });
    }

    /** Adds collected energy to the balance. */
    public static Uni<Void> collect(String userId, long grams, Instant now) {
        if (grams <= 0) {
            return Uni.createFrom().voidItem();
        }
        return open(userId, now)
                .chain(() -> Sql.exec("update energy_account set balance_grams = balance_grams + ?2, "
                        + "collected_grams = collected_grams + ?2 where user_id = ?1", userId, grams))
                .chain(() -> Totals.add(userId, "energy_collected", grams));
    }

    /** Spends {@code grams} if the balance covers them; false (and nothing changed) otherwise. */
    public static Uni<Boolean> spend(String userId, long grams) {
        return debit(userId, grams).chain(ok -> ok ? Totals.add(userId, "energy_spent", grams).replaceWith(true)
                : Uni.createFrom().item(false));
    }

    /**
     * As {@link #spend} without the totals: a transaction spending from several balances debits them all first
     * (in user order) and adds to the totals after, so it never waits for a balance while holding a totals slot.
     */
    public static Uni<Boolean> debit(String userId, long grams) {
        return Sql.exec("update energy_account set balance_grams = balance_grams - ?2, spent_grams = spent_grams + ?2 "
                + "where user_id = ?1 and balance_grams >= ?2", userId, grams).map(n -> n == 1);
    }
}
