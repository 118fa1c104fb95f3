package org.gongyi.forest.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Sql;
import org.gongyi.events.contract.TreePlanted;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.forest.persistence.Certificates;
import org.gongyi.forest.persistence.EnergyAccounts;
import org.gongyi.forest.persistence.PlantingProject;
import org.gongyi.forest.persistence.TreeSpecies;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.gongyi.forest.persistence.EnergyRules.instant;
import static org.gongyi.forest.persistence.EnergyRules.utc;

/**
 * Planting a tree spends its species' energy and one unit of its project's stock in one transaction. Both are
 * conditional updates: concurrent requests on one balance plant exactly as many trees as the balance pays for, and a
 * project never plants more than its stock.
 */
@ApplicationScoped
public class PlantingService {

    private final Outbox outbox;
    private final Clock clock;

    public PlantingService(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A tree as its owner sees it, with the latest photo of its plot when a station has taken one. */
    public record MyTree(String certificateNo, String speciesCode, String speciesName, UUID projectId,
                         String projectName, String region, UUID plotId, String plotName, BigDecimal latitude,
                         BigDecimal longitude, long energyGrams, Instant plantedAt, Photo latestPhoto) {
    }

    public record Photo(Instant takenAt, String imageUrl) {
    }

    @WithTransaction
    public Uni<MyTree> plant(String user, UUID projectId) {
        Instant now = clock.instant();
        return PlantingProject.<PlantingProject>findById(projectId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No planting project " + projectId))
                .chain(project -> TreeSpecies.<TreeSpecies>findById(project.speciesCode).chain(species ->
                        spend(user, species.energyGrams, "a " + species.nameZh + " (" + species.nameEn + ")")
                                .chain(() -> Sql.exec("update planting_project set planted = planted + 1 "
                                        + "where id = ?1 and planted < stock", projectId))
                                .invoke(n -> {
                                    if (n == 0) {
                                        throw ProblemException.conflict("Project " + project.name
                                                + " has planted all " + project.stock + " of its trees");
                                    }
                                })
                                .chain(() -> Sql.rows("update plot set trees = trees + 1 where id = (select id from plot "
                                                + "where project_id = ?1 order by trees, id limit 1) returning id",
                                        r -> (UUID) r[0], projectId))
                                .chain(plots -> {
                                    if (plots.isEmpty()) {
                                        throw ProblemException.conflict("Project " + project.name + " has no plots yet");
                                    }
                                    return Certificates.next(Certificates.TREE, now)
                                            .chain(cert -> record(user, project, species, plots.get(0), cert, now));
                                })));
    }

    /** Spends {@code grams} of the user's balance, or fails with 409 saying what the balance is. */
    static Uni<Void> spend(String user, long grams, String what) {
        return EnergyAccounts.spend(user, grams).chain(ok -> ok ? Uni.createFrom().voidItem()
                : Sql.rows("select balance_grams from energy_account where user_id = ?1", r -> Sql.number(r[0]), user)
                .map(b -> {
                    throw ProblemException.conflict("Not enough energy: " + what + " costs " + grams
                            + " g, your balance is " + (b.isEmpty() ? 0 : b.get(0)) + " g");
                }));
    }

    private Uni<MyTree> record(String user, PlantingProject project, TreeSpecies species, UUID plot, String cert,
                               Instant now) {
        UUID tree = UUID.randomUUID();
        return Sql.exec("insert into tree (id, certificate_no, project_id, plot_id, species_code, energy_grams, "
                                + "planted_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)", tree, cert, project.id, plot,
                        species.code, species.energyGrams, utc(now))
                .chain(() -> Sql.exec("insert into tree_owner (tree_id, user_id, energy_grams) values (?1, ?2, ?3)",
                        tree, user, species.energyGrams))
                .chain(() -> outbox.append(new TreePlanted(user, cert, species.code, project.id.toString(),
                        project.region, species.energyGrams, now)))
                .chain(() -> mine(user, cert, 0, 1)).map(l -> l.get(0));
    }

    @WithSession
    public Uni<List<MyTree>> trees(String user, int page, int size) {
        return mine(user, null, page, size);
    }

    /** The latest photo of the plot where the caller's tree stands. */
    @WithSession
    public Uni<Photo> latestPhoto(String user, String certificateNo) {
        return mine(user, certificateNo, 0, 1).map(l -> {
            if (l.isEmpty()) {
                throw ProblemException.notFound("You have no tree with certificate " + certificateNo);
            }
            if (l.get(0).latestPhoto() == null) {
                throw ProblemException.notFound("No station has photographed the plot of " + certificateNo + " yet");
            }
            return l.get(0).latestPhoto();
        });
    }

    private static Uni<List<MyTree>> mine(String user, String certificateNo, int page, int size) {
        return Sql.rows("select t.certificate_no, t.species_code, s.name_zh, t.project_id, p.name, p.region, t.plot_id, "
                        + "pl.name, pl.latitude, pl.longitude, o.energy_grams, t.planted_at, ph.taken_at, ph.image_url "
                        + "from tree_owner o join tree t on t.id = o.tree_id "
                        + "join tree_species s on s.code = t.species_code "
                        + "join planting_project p on p.id = t.project_id join plot pl on pl.id = t.plot_id "
                        + "left join lateral (select taken_at, image_url from plot_photo where plot_id = t.plot_id "
                        + "order by taken_at desc limit 1) ph on true "
                        + "where o.user_id = ?1 and (cast(?2 as text) is null or t.certificate_no = ?2) "
                        + "order by t.planted_at desc, t.certificate_no desc limit ?3 offset ?4",
                r -> new MyTree((String) r[0], (String) r[1], (String) r[2], (UUID) r[3], (String) r[4],
                        (String) r[5], (UUID) r[6], (String) r[7], (BigDecimal) r[8], (BigDecimal) r[9],
                        Sql.number(r[10]), instant(r[11]),
                        r[12] == null ? null : new Photo(instant(r[12]), (String) r[13])),
                user, certificateNo, size, (long) page * size);
    }
}
