package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import org.gongyi.common.persistence.Sql;

import java.util.Set;

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
        if (!COLUMNS.contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return Sql.exec("update forest_totals set " + column + " = " + column + " + ?1 where slot = ?2", delta,
                Math.floorMod(user.hashCode(), SLOTS)).replaceWithVoid();
    }

    /** Adds per user, summed per slot, one slot after another in slot order (so two such transactions cannot deadlock). */
    public static Uni<Void> addEach(String column, java.util.Map<String, Long> byUser) {
        java.util.SortedMap<Integer, Long> bySlot = new java.util.TreeMap<>();
        byUser.forEach((user, delta) -> bySlot.merge(Math.floorMod(user.hashCode(), SLOTS), delta, Long::sum));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var slot : bySlot.entrySet()) {
            chain = chain.chain(() -> addToSlot(column, slot.getKey(), slot.getValue()));
        }
        return chain;
    }

    private static Uni<Void> addToSlot(String column, int slot, long delta) {
        if (!COLUMNS.contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return Sql.exec("update forest_totals set " + column + " = " + column + " + ?1 where slot = ?2", delta, slot)
                .replaceWithVoid();
    }

    /** users, energy credited, collected, spent. */
    public static Uni<long[]> read() {
        return Sql.numbers("select sum(users), sum(energy_credited), sum(energy_collected), sum(energy_spent) "
                + "from forest_totals");
    }
}
