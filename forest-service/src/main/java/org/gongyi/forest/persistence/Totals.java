package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import org.gongyi.common.persistence.Sql;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The platform energy totals projection, changed in the transactions that change the facts it counts. The counters
 * are spread over {@value #SLOTS} rows chosen by user, so concurrent transactions of different users rarely wait on
 * each other; a transaction touches one slot only, so they cannot deadlock on it. Reads sum the slots.
 */
public final class Totals {
    static final int SLOTS = 16;
    private static final Set<String> COLUMNS = Set.of("users", "energy_credited", "energy_collected", "energy_spent");

    private Totals() {
    }

    public static Uni<Void> add(String user, String column, long delta) {
        return addEach(column, Map.of(user, delta));
    }

    /** Adds per user, summed per slot, one slot after another in slot order (so two such transactions cannot deadlock). */
    public static Uni<Void> addEach(String column, Map<String, Long> byUser) {
        if (!COLUMNS.contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return perSlot(byUser, (slot, delta) -> Sql.exec("update forest_totals set " + column + " = " + column
                + " + ?1 where slot = ?2", delta, slot));
    }

    /**
     * Energy credited per user, as {@link #addEach}; each slot names the event of the last credit it counts
     * ({@code lastEventByUser} iterates in the order of the users' last credits).
     */
    public static Uni<Void> credited(Map<String, Long> byUser, Map<String, UUID> lastEventByUser) {
        Map<Integer, UUID> lastBySlot = new HashMap<>();
        lastEventByUser.forEach((user, event) -> lastBySlot.put(slot(user), event));
        return perSlot(byUser, (slot, delta) -> Sql.exec("update forest_totals set energy_credited = energy_credited "
                + "+ ?1, last_credit_event_id = ?3 where slot = ?2", delta, slot, lastBySlot.get(slot)));
    }

    /** One update per slot of the users' deltas summed per slot, in slot order. */
    private static Uni<Void> perSlot(Map<String, Long> byUser, BiFunction<Integer, Long, Uni<Integer>> update) {
        SortedMap<Integer, Long> bySlot = new TreeMap<>();
        byUser.forEach((user, delta) -> bySlot.merge(slot(user), delta, Long::sum));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var slot : bySlot.entrySet()) {
            chain = chain.chain(() -> update.apply(slot.getKey(), slot.getValue()).replaceWithVoid());
        }
        return chain;
    }

    private static int slot(String user) {
        return Math.floorMod(user.hashCode(), SLOTS);
    }

    /** users, energy credited, collected, spent. */
    public static Uni<long[]> read() {
        return Sql.numbers("select sum(users), sum(energy_credited), sum(energy_collected), sum(energy_spent) "
                + "from forest_totals");
    }
}
