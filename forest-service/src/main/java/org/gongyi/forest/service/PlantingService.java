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
import org.gongyi.forest.persistence.Totals;
import org.gongyi.forest.persistence.TreeSpecies;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.instant;
import static org.gongyi.common.persistence.Sql.utc;

/**
 * Planting a tree spends its species' energy and one unit of its project's stock in one transaction. Both are
 * conditional updates: concurrent requests on one balance plant exactly as many trees as the balance pays for, and a
 * project never plants more than its stock. Co-planting: a friend accepts an invitation and both pay their half.
 */
@ApplicationScoped
public class PlantingService {

    private final Outbox outbox;
    private final Clock clock;

    public PlantingService(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * A tree as its owner sees it: {@code energyGrams} is what this owner paid, {@code sharedWith} the co-planter;
     * with the latest photo of its plot when a station has taken one.
     */
    public record MyTree(String certificateNo, String speciesCode, String speciesName, UUID projectId,
                         String projectName, String region, UUID plotId, String plotName, BigDecimal latitude,
                         BigDecimal longitude, long energyGrams, String sharedWith, Instant plantedAt,
                         Photo latestPhoto) {
    }

    public record Photo(Instant takenAt, String imageUrl) {
    }

    public record CoPlanting(UUID id, UUID projectId, String initiatorId, String partnerId, long initiatorGrams,
                             long partnerGrams, String status, String certificateNo, Instant createdAt,
                             Instant decidedAt) {
    }

    @WithTransaction
    public Uni<MyTree> plant(String user, UUID projectId) {
        Instant now = clock.instant();
        return project(projectId).chain(project -> TreeSpecies.<TreeSpecies>findById(project.speciesCode)
                .chain(species -> spend(user, species.energyGrams, "a " + species.nameZh + " (" + species.nameEn + ")")
                        .chain(() -> place(project, species, Map.of(user, species.energyGrams), now))
                        .chain(cert -> mine(user, cert, 0, 1)).map(l -> l.get(0))));
    }

    private static Uni<PlantingProject> project(UUID projectId) {
        return PlantingProject.<PlantingProject>findById(projectId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No planting project " + projectId));
    }

    /** Spends {@code grams} of the user's balance, or fails with 409 saying what the balance is. */
    static Uni<Void> spend(String user, long grams, String what) {
        return EnergyAccounts.spend(user, grams).chain(ok -> ok ? Uni.createFrom().voidItem() : notEnough(user, grams, what,
                "your balance"));
    }

    private static <T> Uni<T> notEnough(String user, long grams, String what, String whose) {
        return Sql.rows("select balance_grams from energy_account where user_id = ?1", r -> Sql.number(r[0]), user)
                .map(b -> {
                    throw ProblemException.conflict("Not enough energy: " + what + " costs " + grams + " g, "
                            + whose + " is " + (b.isEmpty() ? 0 : b.get(0)) + " g");
                });
    }

    /** Takes one tree of the project's stock, puts it on the project's emptiest plot; returns its certificate. */
    private Uni<String> place(PlantingProject project, TreeSpecies species, Map<String, Long> owners, Instant now) {
        UUID tree = UUID.randomUUID();
        return Sql.exec("update planting_project set planted = planted + 1 where id = ?1 and planted < stock", project.id)
                .invoke(n -> {
                    if (n == 0) {
                        throw ProblemException.conflict("Project " + project.name + " has planted all "
                                + project.stock + " of its trees");
                    }
                })
                .chain(() -> Sql.rows("update plot set trees = trees + 1 where id = (select id from plot "
                        + "where project_id = ?1 order by trees, id limit 1) returning id", r -> (UUID) r[0], project.id))
                .chain(plots -> {
                    if (plots.isEmpty()) {
                        throw ProblemException.conflict("Project " + project.name + " has no plots yet");
                    }
                    return Certificates.next(Certificates.TREE, now).chain(cert -> Sql.exec("insert into tree (id, "
                                    + "certificate_no, project_id, plot_id, species_code, energy_grams, planted_at) "
                                    + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7)", tree, cert, project.id, plots.get(0),
                            species.code, species.energyGrams, utc(now)).replaceWith(cert));
                })
                .call(cert -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Map.Entry<String, Long> o : owners.entrySet()) {
                        chain = chain.chain(() -> Sql.exec("insert into tree_owner (tree_id, user_id, energy_grams) "
                                        + "values (?1, ?2, ?3)", tree, o.getKey(), o.getValue()))
                                .chain(() -> outbox.append(new TreePlanted(o.getKey(), cert, species.code,
                                        project.id.toString(), project.region, o.getValue(), now,
                                        owners.keySet().stream().filter(u -> !u.equals(o.getKey())).findFirst()
                                                .orElse(null))))
                                .replaceWithVoid();
                    }
                    return chain;
                });
    }

    /** Invites a friend to share a tree of the project, each paying half (the inviter the odd gram). */
    @WithTransaction
    public Uni<CoPlanting> invite(String user, String partner, UUID projectId) {
        if (user.equals(partner)) {
            throw ProblemException.badRequest("Co-plant with a friend, not with yourself");
        }
        Instant now = clock.instant();
        return FriendService.requireFriends(user, partner)
                .chain(() -> project(projectId))
                .chain(project -> TreeSpecies.<TreeSpecies>findById(project.speciesCode))
                .chain(species -> {
                    long partnerGrams = species.energyGrams / 2;
                    UUID id = UUID.randomUUID();
                    return Sql.exec("insert into co_planting (id, project_id, initiator_id, partner_id, initiator_grams, "
                                    + "partner_grams, status, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, 'PENDING', ?7)",
                            id, projectId, user, partner, species.energyGrams - partnerGrams, partnerGrams, utc(now))
                            .chain(() -> coPlanting(id));
                });
    }

    /**
     * The partner accepts: both balances are debited (in user order), the tree is planted with two owners and one
     * certificate. If either balance falls short or the stock is gone, nothing happens and the invitation stays open.
     */
    @WithTransaction
    public Uni<MyTree> accept(String partner, UUID invitation) {
        Instant now = clock.instant();
        return Sql.rows("update co_planting set status = 'PLANTED', decided_at = ?3 where id = ?1 and partner_id = ?2 "
                                + "and status = 'PENDING' returning initiator_id, initiator_grams, partner_grams, project_id",
                        r -> r, invitation, partner, utc(now))
                .chain(rows -> rows.isEmpty() ? coPlanting(invitation).map(c -> {
                    if (!c.partnerId().equals(partner)) {
                        throw ProblemException.notFound("No co-planting invitation " + invitation + " to you");
                    }
                    throw ProblemException.conflict("Invitation " + invitation + " is already " + c.status());
                }) : plantTogether(partner, invitation, rows.get(0), now));
    }

    private Uni<MyTree> plantTogether(String partner, UUID invitation, Object[] row, Instant now) {
        String initiator = (String) row[0];
        Map<String, Long> shares = new LinkedHashMap<>();
        shares.put(initiator, Sql.number(row[1]));
        shares.put(partner, Sql.number(row[2]));
        UUID projectId = (UUID) row[3];
        return project(projectId).chain(project -> TreeSpecies.<TreeSpecies>findById(project.speciesCode)
                .chain(species -> {
                    String what = "half a " + species.nameZh + " (" + species.nameEn + ")";
                    Uni<Void> debits = Uni.createFrom().voidItem();
                    for (String u : shares.keySet().stream().sorted().toList()) {
                        debits = debits.chain(() -> EnergyAccounts.debit(u, shares.get(u)).chain(ok -> ok
                                ? Uni.createFrom().voidItem()
                                : notEnough(u, shares.get(u), what, u.equals(partner) ? "your balance"
                                : initiator + "'s balance")));
                    }
                    return debits.chain(() -> Totals.addEach("energy_spent", shares))
                            .chain(() -> place(project, species, shares, now))
                            .call(cert -> Sql.exec("update co_planting set certificate_no = ?2 where id = ?1",
                                    invitation, cert))
                            .chain(cert -> mine(partner, cert, 0, 1)).map(l -> l.get(0));
                }));
    }

    /** The partner declines, or the inviter cancels, a pending invitation. */
    @WithTransaction
    public Uni<CoPlanting> withdraw(String user, UUID invitation) {
        Instant now = clock.instant();
        return Sql.exec("update co_planting set status = case when partner_id = ?2 then 'DECLINED' else 'CANCELLED' end, "
                                + "decided_at = ?3 where id = ?1 and (partner_id = ?2 or initiator_id = ?2) and status = 'PENDING'",
                        invitation, user, utc(now))
                .chain(n -> coPlanting(invitation).map(c -> {
                    if (!c.partnerId().equals(user) && !c.initiatorId().equals(user)) {
                        throw ProblemException.notFound("No co-planting invitation " + invitation + " of yours");
                    }
                    if (n == 0) {
                        throw ProblemException.conflict("Invitation " + invitation + " is already " + c.status());
                    }
                    return c;
                }));
    }

    @WithSession
    public Uni<List<CoPlanting>> coPlantings(String user) {
        return Sql.rows(CO_PLANTING + "where initiator_id = ?1 or partner_id = ?1 order by created_at desc limit 200",
                PlantingService::coPlanting, user);
    }

    private static final String CO_PLANTING = "select id, project_id, initiator_id, partner_id, initiator_grams, "
            + "partner_grams, status, certificate_no, created_at, decided_at from co_planting ";

    private static Uni<CoPlanting> coPlanting(UUID id) {
        return Sql.rows(CO_PLANTING + "where id = ?1", PlantingService::coPlanting, id).map(l -> {
            if (l.isEmpty()) {
                throw ProblemException.notFound("No co-planting invitation " + id);
            }
            return l.get(0);
        });
    }

    private static CoPlanting coPlanting(Object[] r) {
        return new CoPlanting((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], Sql.number(r[4]),
                Sql.number(r[5]), (String) r[6], (String) r[7], instant(r[8]), r[9] == null ? null : instant(r[9]));
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
                        + "pl.name, pl.latitude, pl.longitude, o.energy_grams, t.planted_at, ph.taken_at, ph.image_url, "
                        + "(select o2.user_id from tree_owner o2 where o2.tree_id = t.id and o2.user_id <> o.user_id "
                        + "limit 1) "
                        + "from tree_owner o join tree t on t.id = o.tree_id "
                        + "join tree_species s on s.code = t.species_code "
                        + "join planting_project p on p.id = t.project_id join plot pl on pl.id = t.plot_id "
                        + "left join lateral (select taken_at, image_url from plot_photo where plot_id = t.plot_id "
                        + "order by taken_at desc limit 1) ph on true "
                        + "where o.user_id = ?1 and (cast(?2 as text) is null or t.certificate_no = ?2) "
                        + "order by t.planted_at desc, t.certificate_no desc limit ?3 offset ?4",
                r -> new MyTree((String) r[0], (String) r[1], (String) r[2], (UUID) r[3], (String) r[4],
                        (String) r[5], (UUID) r[6], (String) r[7], (BigDecimal) r[8], (BigDecimal) r[9],
                        Sql.number(r[10]), (String) r[14], instant(r[11]),
                        r[12] == null ? null : new Photo(instant(r[12]), (String) r[13])),
                user, certificateNo, size, (long) page * size);
    }
}
