package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.util.List;
import java.util.UUID;

/** The plots of planting projects. */
@ApplicationScoped
public class Plots {

    private static final String INSERT = """
            insert into plot (id, project_id, name, latitude, longitude, trees, created_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            """;
    private static final String BY_ID = "select %s from plot where id = $1".formatted(Plot.COLUMNS);
    private static final String OF_PROJECTS = """
            select %s from plot where project_id = any($1) order by created_at, id
            """.formatted(Plot.COLUMNS);
    /** Puts one tree on the project's emptiest plot; returns that plot. */
    private static final String PLANT_ON_EMPTIEST = """
            update plot set trees = trees + 1
            where id = (select id from plot where project_id = $1 order by trees, id limit 1)
            returning id
            """;

    private final Db db;

    public Plots(Db db) {
        this.db = db;
    }

    public Uni<Plot> insert(Plot p) {
        return db.update(INSERT, p.id(), p.projectId(), p.name(), p.latitude(), p.longitude(), p.trees(), p.createdAt())
                .replaceWith(p);
    }

    /** Inserts the plots one after another. */
    public Uni<List<Plot>> insertAll(List<Plot> plots) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Plot p : plots) {
            chain = chain.chain(() -> insert(p)).replaceWithVoid();
        }
        return chain.replaceWith(plots);
    }

    /** The plot, or null. */
    public Uni<Plot> find(UUID id) {
        return db.first(BY_ID, Plot::from, id);
    }

    public Uni<List<Plot>> ofProjects(List<UUID> projectIds) {
        return db.list(OF_PROJECTS, Plot::from, (Object) projectIds.toArray(new UUID[0]));
    }

    /** The plot a new tree of the project stands on; null when the project has no plots. */
    public Uni<UUID> plantOnEmptiest(UUID projectId) {
        return db.first(PLANT_ON_EMPTIEST, row -> row.getUUID("id"), projectId);
    }
}
