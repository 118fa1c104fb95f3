package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;

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

    /** True when an item was used. */
    public Uni<Boolean> raise(String user, Instant now) {
        return db.update(RAISE, user, now).map(n -> n == 1);
    }
}
