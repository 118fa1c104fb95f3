package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.util.List;
import java.util.UUID;

/** Planting projects and their stock. */
@ApplicationScoped
public class PlantingProjects {

    /** Trees planted of one species, over all its projects. */
    public record PlantedSpecies(String speciesCode, long planted) {
        static PlantedSpecies from(Row row) {
            return new PlantedSpecies(row.getString("species_code"), row.getLong("planted"));
        }
    }

    private static final String INSERT = """
            insert into planting_project (id, name, region, species_code, partner, stock, planted, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            """;
    private static final String BY_ID =
            "select %s from planting_project where id = $1".formatted(PlantingProject.COLUMNS);
    private static final String PAGE = """
            select %s from planting_project order by created_at, id limit $1 offset $2
            """.formatted(PlantingProject.COLUMNS);
    /** One tree of the stock, when any is left. */
    private static final String TAKE_ONE_OF_STOCK = """
            update planting_project set planted = planted + 1 where id = $1 and planted < stock
            """;

    private static final String PLANTED_BY_SPECIES = """
            select species_code, cast(sum(planted) as bigint) as planted from planting_project
            group by species_code order by species_code
            """;

    private final Db db;

    public PlantingProjects(Db db) {
        this.db = db;
    }

    public Uni<PlantingProject> insert(PlantingProject p) {
        return db.update(
                        INSERT,
                        p.id(),
                        p.name(),
                        p.region(),
                        p.speciesCode(),
                        p.partner(),
                        p.stock(),
                        p.planted(),
                        p.createdAt())
                .replaceWith(p);
    }

    /** The project, or null. */
    public Uni<PlantingProject> find(UUID id) {
        return db.first(BY_ID, PlantingProject::from, id);
    }

    public Uni<List<PlantingProject>> page(int page, int size) {
        return db.list(PAGE, PlantingProject::from, size, page * size);
    }

    /** True when one tree of the stock was taken (false: all of it is planted). */
    public Uni<Boolean> takeOneOfStock(UUID id) {
        return db.update(TAKE_ONE_OF_STOCK, id).map(n -> n == 1);
    }

    public Uni<List<PlantedSpecies>> plantedBySpecies() {
        return db.list(PLANTED_BY_SPECIES, PlantedSpecies::from);
    }
}
