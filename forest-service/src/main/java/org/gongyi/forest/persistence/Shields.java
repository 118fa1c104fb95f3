package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.time.LocalDate;

/** Shield items a user holds and the shield in force: friends cannot collect until it ends. */
@ApplicationScoped
public class Shields {

    /** The shield's end (possibly past, or null) and the items held. */
    public record State(Instant endsAt, int items) {
        static State from(Row row) {
            return new State(Db.instant(row, "ends_at"), row.getInteger("items"));
        }
    }

    private static final String STATE = "select ends_at, items from shield where user_id = $1";
    private static final String ENDS_AFTER = "select ends_at from shield where user_id = $1 and ends_at > $2";
    private static final String GRANT = """
            insert into shield (user_id, items, item_hours) values ($1, $2, $3)
            on conflict (user_id) do update
               set items = shield.items + excluded.items, item_hours = excluded.item_hours
            """;
    /**
     * Records that the user collected their own energy on day $2 (once a day) and, when that makes $4 days of the week
     * starting $3, that the week earned them an item (once a week); true when it did now. The count sees the rows
     * before this statement, so the day just recorded is added to it.
     */
    private static final String COLLECTED_ON_DAY = """
            with recorded as (
                insert into collect_day (user_id, day) values ($1, $2) on conflict do nothing returning day),
            week as (
                select (select count(*) from collect_day where user_id = $1 and day >= $3 and day < $3 + 7)
                       + (select count(*) from recorded) as days),
            earned as (
                insert into shield_earned (user_id, week_start, earned_at)
                select $1, $3, $5 from week where days >= $4
                on conflict do nothing
                returning week_start)
            select exists (select 1 from earned) as earned""";
    /** Uses one item, when there is one: protected from now, or from the end of the current shield. */
    private static final String RAISE = """
            update shield set items = items - 1,
                              ends_at = greatest(coalesce(ends_at, $2), $2) + make_interval(hours => item_hours)
            where user_id = $1 and items > 0
            """;

    private final Db db;

    public Shields(Db db) {
        this.db = db;
    }

    /** The user's shield, or null when they never held one. */
    public Uni<State> state(String user) {
        return db.first(STATE, State::from, user);
    }

    /** The end of the shield in force at {@code now}, or null. */
    public Uni<Instant> endOfShieldUp(String user, Instant now) {
        return db.first(ENDS_AFTER, row -> Db.instant(row, "ends_at"), user, now);
    }

    public Uni<Integer> grant(String user, int items, int hours) {
        return db.update(GRANT, user, items, hours);
    }

    /**
     * Counts a day on which the user collected their own energy; when it makes the week's {@code days}-th, the week
     * earns an item (once): true then.
     */
    public Uni<Boolean> collectedOn(String user, LocalDate day, LocalDate weekStart, int days, Instant now) {
        return db.first(COLLECTED_ON_DAY, row -> row.getBoolean("earned"), user, day, weekStart, days, now);
    }

    /** True when an item was used. */
    public Uni<Boolean> raise(String user, Instant now) {
        return db.update(RAISE, user, now).map(n -> n == 1);
    }
}
