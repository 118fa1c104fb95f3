package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The platform energy totals projection, changed in the transactions that change the facts it counts. The counters
 * are spread over {@value #SLOTS} rows chosen by user, so concurrent transactions of different users rarely wait on
 * each other; a transaction changes its slots in slot order, so they cannot deadlock on them. Reads sum the slots.
 */
@ApplicationScoped
public class Totals {
    static final int SLOTS = 16;

    /** A counter commands change (credits name their event: {@link #credited}). */
    public enum Counter {
        USERS(ADD_USERS),
        ENERGY_COLLECTED(ADD_COLLECTED),
        ENERGY_SPENT(ADD_SPENT);

        private final String statement;

        Counter(String statement) {
            this.statement = statement;
        }
    }

    /** The energy counters summed over the slots. */
    public record Energy(long users, long credited, long collected, long spent) {
        static Energy from(Row row) {
            return new Energy(
                    row.getLong("users"), row.getLong("credited"), row.getLong("collected"), row.getLong("spent"));
        }
    }

    private static final String ADD_USERS = "update forest_totals set users = users + $1 where slot = $2";
    private static final String ADD_COLLECTED = """
            update forest_totals set energy_collected = energy_collected + $1 where slot = $2
            """;
    private static final String ADD_SPENT = "update forest_totals set energy_spent = energy_spent + $1 where slot = $2";
    /** A slot's users opened and energy credited, and the event of the last credit it counts. */
    private static final String ADD_CREDITED = """
            update forest_totals
            set users = users + $2, energy_credited = energy_credited + $3, last_credit_event_id = $4
            where slot = $1
            """;
    /** Energy credited per minute (of the actions) and slot, (slot, minute) pairs in order. */
    private static final String ADD_CREDITED_MINUTES = """
            insert into forest_minute as m (minute, slot, credited_grams, credited_actions)
            select minute, slot, grams, actions
            from unnest(cast($1 as timestamptz[]), cast($2 as smallint[]), cast($3 as bigint[]), cast($4 as bigint[]))
                 with ordinality as u(minute, slot, grams, actions, n)
            order by n
            on conflict (minute, slot) do update set credited_grams = m.credited_grams + excluded.credited_grams,
                                                     credited_actions = m.credited_actions + excluded.credited_actions
            """;

    private static final String READ = """
            select cast(coalesce(sum(users), 0) as bigint) as users,
                   cast(coalesce(sum(energy_credited), 0) as bigint) as credited,
                   cast(coalesce(sum(energy_collected), 0) as bigint) as collected,
                   cast(coalesce(sum(energy_spent), 0) as bigint) as spent
            from forest_totals
            """;

    private final Db db;

    public Totals(Db db) {
        this.db = db;
    }

    public Uni<Void> add(String user, Counter counter, long delta) {
        return addEach(counter, Map.of(user, delta));
    }

    /** Adds per user, summed per slot, one slot after another in slot order (so two such transactions cannot deadlock). */
    public Uni<Void> addEach(Counter counter, Map<String, Long> byUser) {
        return perSlot(byUser, (slot, delta) -> db.update(counter.statement, delta, slot));
    }

    /**
     * A run's credits and the users whose accounts they opened: one update per slot, sent at once in slot order (so two
     * such transactions cannot deadlock); each slot names the event of the last credit it counts ({@code
     * lastEventByUser} iterates in the order of the users' last credits). Every opened user is credited. Then the
     * history's minutes, per slot.
     */
    public Uni<Void> credited(List<TimedCredit> credits, Map<String, UUID> lastEventByUser, Collection<String> opened) {
        SortedMap<Integer, Credit> bySlot = new TreeMap<>();
        credits.forEach(c -> bySlot.merge(slot(c.user()), new Credit(0, c.grams()), Credit::plus));
        opened.forEach(user -> bySlot.merge(slot(user), new Credit(1, 0), Credit::plus));
        Map<Integer, UUID> lastBySlot = new HashMap<>();
        lastEventByUser.forEach((user, event) -> lastBySlot.put(slot(user), event));
        List<Uni<Integer>> updates = new ArrayList<>();
        bySlot.forEach((slot, credit) ->
                updates.add(db.update(ADD_CREDITED, slot, credit.users(), credit.grams(), lastBySlot.get(slot))));
        // the history: per slot and minute, in that order (after the slots above, as every credit's transaction)
        SortedMap<MinuteOfSlot, Minute> byMinute = new TreeMap<>();
        for (TimedCredit c : credits) {
            byMinute.merge(
                    new MinuteOfSlot(slot(c.user()), c.at().truncatedTo(ChronoUnit.MINUTES)),
                    new Minute(c.grams(), 1),
                    Minute::plus);
        }
        if (!byMinute.isEmpty()) {
            updates.add(db.update(
                    ADD_CREDITED_MINUTES,
                    byMinute.keySet().stream().map(MinuteOfSlot::minute).toArray(Instant[]::new),
                    byMinute.keySet().stream().map(k -> (short) k.slot()).toArray(Short[]::new),
                    byMinute.values().stream().map(Minute::grams).toArray(Long[]::new),
                    byMinute.values().stream().map(Minute::actions).toArray(Long[]::new)));
        }
        return db.pipelined(updates);
    }

    /** An action's credit at the time it happened, for the history. */
    public record TimedCredit(String user, Instant at, long grams) {}

    /** What a slot's minute counts of a run's credits: grams and actions credited. */
    private record Minute(long grams, long actions) {
        Minute plus(Minute other) {
            return new Minute(grams + other.grams, actions + other.actions);
        }
    }

    private record MinuteOfSlot(int slot, Instant minute) implements Comparable<MinuteOfSlot> {
        @Override
        public int compareTo(MinuteOfSlot o) {
            int c = Integer.compare(slot, o.slot);
            return c != 0 ? c : minute.compareTo(o.minute);
        }
    }

    /** What a slot counts of a run's credits: users opened, grams credited. */
    private record Credit(long users, long grams) {
        Credit plus(Credit other) {
            return new Credit(users + other.users, grams + other.grams);
        }
    }

    /** One update per slot of the users' deltas summed per slot, in slot order. */
    private static Uni<Void> perSlot(Map<String, Long> byUser, BiFunction<Integer, Long, Uni<Integer>> update) {
        SortedMap<Integer, Long> bySlot = new TreeMap<>();
        byUser.forEach((user, delta) -> bySlot.merge(slot(user), delta, Long::sum));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var slot : bySlot.entrySet()) {
            chain = chain.chain(
                    () -> update.apply(slot.getKey(), slot.getValue()).replaceWithVoid());
        }
        return chain;
    }

    private static int slot(String user) {
        return Math.floorMod(user.hashCode(), SLOTS);
    }

    /** Users, energy credited, collected, spent. */
    public Uni<Energy> read() {
        return db.first(READ, Energy::from);
    }
}
