package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.forest.domain.ForestCalendar;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Balances change only through these conditional updates, in the caller's transaction: a debit succeeds only if the
 * balance covers it, so the balance is never negative and concurrent spends of one balance cannot both succeed.
 */
@ApplicationScoped
public class EnergyAccounts {

    private static final String OPEN = """
            insert into energy_account (user_id, created_at) values ($1, $2) on conflict do nothing
            """;
    private static final String OPEN_ALL = """
            insert into energy_account (user_id, created_at)
            select u, $2 from unnest(cast($1 as text[])) as u
            on conflict do nothing
            returning user_id
            """;
    private static final String COLLECT = """
            update energy_account set balance_grams = balance_grams + $2, collected_grams = collected_grams + $2
            where user_id = $1
            """;
    /** The week's collected energy, for the friends' leaderboard. */
    private static final String ADD_TO_WEEK = """
            insert into collected_week as w (user_id, week_start, grams) values ($1, $2, $3)
            on conflict (user_id, week_start) do update set grams = w.grams + excluded.grams
            """;
    /** Only when the balance covers it. */
    private static final String DEBIT = """
            update energy_account set balance_grams = balance_grams - $2, spent_grams = spent_grams + $2
            where user_id = $1 and balance_grams >= $2
            """;

    private static final String BY_USER =
            "select %s from energy_account where user_id = $1".formatted(EnergyAccount.COLUMNS);
    private static final String BALANCE = "select balance_grams from energy_account where user_id = $1";

    private final Db db;
    private final Totals totals;

    public EnergyAccounts(Db db, Totals totals) {
        this.db = db;
        this.totals = totals;
    }

    /** Opens the account if the user has none; counts a new user in the totals. */
    public Uni<Void> open(String userId, Instant now) {
        return db.update(OPEN, userId, now)
                .chain(created ->
                        created == 0 ? Uni.createFrom().voidItem() : totals.add(userId, Totals.Counter.USERS, 1));
    }

    /** Opens the accounts of {@code users} that have none; returns those it opened (to count in the totals). */
    public Uni<List<String>> openAll(Collection<String> users, Instant now) {
        if (users.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return db.list(OPEN_ALL, row -> row.getString("user_id"), users.toArray(new String[0]), now);
    }

    /** Adds collected energy to the balance, and to the week's collected energy. */
    public Uni<Void> collect(String userId, long grams, Instant now) {
        if (grams <= 0) {
            return Uni.createFrom().voidItem();
        }
        return open(userId, now)
                .chain(() -> db.update(COLLECT, userId, grams))
                .chain(() -> db.update(ADD_TO_WEEK, userId, ForestCalendar.weekStart(now), grams))
                .chain(() -> totals.add(userId, Totals.Counter.ENERGY_COLLECTED, grams));
    }

    /** Spends {@code grams} if the balance covers them; false (and nothing changed) otherwise. */
    public Uni<Boolean> spend(String userId, long grams) {
        return debit(userId, grams)
                .chain(ok -> ok
                        ? totals.add(userId, Totals.Counter.ENERGY_SPENT, grams).replaceWith(true)
                        : Uni.createFrom().item(false));
    }

    /**
     * As {@link #spend} without the totals: a transaction spending from several balances debits them all first
     * (in user order) and adds to the totals after, so it never waits for a balance while holding a totals slot.
     */
    public Uni<Boolean> debit(String userId, long grams) {
        return db.update(DEBIT, userId, grams).map(n -> n == 1);
    }

    /** The user's account, or null. */
    public Uni<EnergyAccount> find(String userId) {
        return db.first(BY_USER, EnergyAccount::from, userId);
    }

    /** The user's balance; 0 without an account. */
    public Uni<Long> balance(String userId) {
        return db.first(BALANCE, row -> row.getLong("balance_grams"), userId).map(b -> b == null ? 0L : b);
    }
}
