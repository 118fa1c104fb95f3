package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.time.HistoryWindow;

import java.time.Instant;
import java.util.List;

/** The platform's history in buckets, from the minutes kept as energy is credited and trees planted. */
@ApplicationScoped
public class History {

    /** Energy credited in a bucket (by the time its actions happened). */
    public record EnergyBucket(Instant at, long creditedGrams, long creditedActions) {
        static EnergyBucket from(Row r) {
            return new EnergyBucket(Db.instant(r, "at"), r.getLong("credited_grams"), r.getLong("credited_actions"));
        }
    }

    /** Trees of a species planted in a bucket (buckets without any left out). */
    public record TreeBucket(Instant at, String speciesCode, long trees) {
        static TreeBucket from(Row r) {
            return new TreeBucket(Db.instant(r, "at"), r.getString("species_code"), r.getLong("trees"));
        }
    }

    /** Each bucket from $1 to $2 (exclusive) of $3 seconds, the slots of its minutes summed, empty ones as zeros. */
    private static final String ENERGY = """
            select b.at, cast(coalesce(sum(m.credited_grams), 0) as bigint) as credited_grams,
                   cast(coalesce(sum(m.credited_actions), 0) as bigint) as credited_actions
            from generate_series(cast($1 as timestamptz), cast($2 as timestamptz) - $3 * interval '1 second',
                                 $3 * interval '1 second') as b(at)
            left join forest_minute m on m.minute >= b.at and m.minute < b.at + $3 * interval '1 second'
            group by b.at order by b.at
            """;

    private static final String TREES = """
            select b.at, m.species_code, cast(sum(m.trees) as bigint) as trees
            from generate_series(cast($1 as timestamptz), cast($2 as timestamptz) - $3 * interval '1 second',
                                 $3 * interval '1 second') as b(at)
            join tree_minute m on m.minute >= b.at and m.minute < b.at + $3 * interval '1 second'
            group by b.at, m.species_code order by b.at, m.species_code
            """;

    private final Db db;

    public History(Db db) {
        this.db = db;
    }

    public Uni<List<EnergyBucket>> energy(HistoryWindow window) {
        return db.list(ENERGY, EnergyBucket::from, window.from(), window.to(), window.stepSeconds());
    }

    public Uni<List<TreeBucket>> trees(HistoryWindow window) {
        return db.list(TREES, TreeBucket::from, window.from(), window.to(), window.stepSeconds());
    }
}
