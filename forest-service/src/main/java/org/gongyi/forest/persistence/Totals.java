package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import org.gongyi.common.persistence.Sql;

import java.util.Set;

/** The platform totals projection: one row, changed in the transactions that change the facts it counts. */
public final class Totals {
    private static final Set<String> COLUMNS =
            Set.of("users", "energy_credited", "energy_collected", "energy_spent", "trees", "protected_m2");

    private Totals() {
    }

    public static Uni<Void> add(String column, long delta) {
        if (!COLUMNS.contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return Sql.exec("update forest_totals set " + column + " = " + column + " + ?1 where id = 1", delta)
                .replaceWithVoid();
    }

    /** users, energy credited, collected, spent, trees, m² protected. */
    public static Uni<long[]> read() {
        return Sql.numbers("select users, energy_credited, energy_collected, energy_spent, trees, protected_m2 "
                + "from forest_totals where id = 1");
    }
}
