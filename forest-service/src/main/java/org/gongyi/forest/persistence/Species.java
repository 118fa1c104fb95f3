package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;

/** Tree species. */
@ApplicationScoped
public class Species {

    private static final String ALL =
            "select %s from tree_species order by energy_grams, code".formatted(TreeSpecies.COLUMNS);
    private static final String BY_CODE = "select %s from tree_species where code = $1".formatted(TreeSpecies.COLUMNS);
    /** Adds a species or changes its names and price; created_at stays that of its first version. */
    private static final String PUT = """
            insert into tree_species (code, name_zh, name_en, energy_grams, created_at) values ($1, $2, $3, $4, $5)
            on conflict (code) do update
               set name_zh = excluded.name_zh, name_en = excluded.name_en, energy_grams = excluded.energy_grams
            returning %s
            """.formatted(TreeSpecies.COLUMNS);

    private final Db db;

    public Species(Db db) {
        this.db = db;
    }

    /** Every species, cheapest first. */
    public Uni<List<TreeSpecies>> all() {
        return db.list(ALL, TreeSpecies::from);
    }

    /** The species, or null. */
    public Uni<TreeSpecies> find(String code) {
        return db.first(BY_CODE, TreeSpecies::from, code);
    }

    public Uni<TreeSpecies> put(String code, String nameZh, String nameEn, long energyGrams, Instant now) {
        return db.first(PUT, TreeSpecies::from, code, nameZh, nameEn, energyGrams, now);
    }
}
