package org.gongyi.forest.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.events.contract.CoPlantingInvited;
import org.gongyi.events.contract.TreePlanted;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.forest.persistence.Certificates;
import org.gongyi.forest.persistence.CoPlanting;
import org.gongyi.forest.persistence.CoPlantings;
import org.gongyi.forest.persistence.PlantingProject;
import org.gongyi.forest.persistence.PlantingProjects;
import org.gongyi.forest.persistence.Plots;
import org.gongyi.forest.persistence.Species;
import org.gongyi.forest.persistence.Totals;
import org.gongyi.forest.persistence.TreeSpecies;
import org.gongyi.forest.persistence.Trees;
import org.gongyi.forest.persistence.Trees.MyTree;
import org.gongyi.forest.persistence.Trees.Photo;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Planting a tree spends its species' energy and one unit of its project's stock in one transaction. Both are
 * conditional updates: concurrent requests on one balance plant exactly as many trees as the balance pays for, and a
 * project never plants more than its stock. Co-planting: a friend accepts an invitation and both pay their half.
 */
@ApplicationScoped
public class PlantingService {

    private final Db db;
    private final PlantingProjects projects;
    private final Species species;
    private final Plots plots;
    private final Trees trees;
    private final CoPlantings coPlantings;
    private final Certificates certificates;
    private final Totals totals;
    private final Spending spending;
    private final FriendService friends;
    private final Outbox outbox;
    private final Clock clock;

    public PlantingService(
            Db db,
            PlantingProjects projects,
            Species species,
            Plots plots,
            Trees trees,
            CoPlantings coPlantings,
            Certificates certificates,
            Totals totals,
            Spending spending,
            FriendService friends,
            Outbox outbox,
            Clock clock) {
        this.db = db;
        this.projects = projects;
        this.species = species;
        this.plots = plots;
        this.trees = trees;
        this.coPlantings = coPlantings;
        this.certificates = certificates;
        this.totals = totals;
        this.spending = spending;
        this.friends = friends;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<MyTree> plant(String user, UUID projectId) {
        Instant now = clock.instant();
        return db.transaction(() -> project(projectId)
                .chain(project -> species.find(project.speciesCode())
                        .chain(s -> spending.spend(user, s.energyGrams(), "a " + s.nameZh() + " (" + s.nameEn() + ")")
                                .chain(() -> place(project, s, Map.of(user, s.energyGrams()), now))
                                .chain(cert -> trees.ofOwner(user, cert, 0, 1))
                                .map(l -> l.get(0)))));
    }

    private Uni<PlantingProject> project(UUID projectId) {
        return projects.find(projectId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No planting project " + projectId));
    }

    /** Takes one tree of the project's stock, puts it on the project's emptiest plot; returns its certificate. */
    private Uni<String> place(PlantingProject project, TreeSpecies species, Map<String, Long> owners, Instant now) {
        UUID tree = UUID.randomUUID();
        return projects.takeOneOfStock(project.id())
                .invoke(taken -> {
                    if (!taken) {
                        throw ProblemException.conflict(
                                "Project " + project.name() + " has planted all " + project.stock() + " of its trees");
                    }
                })
                .chain(() -> plots.plantOnEmptiest(project.id()))
                .chain(plot -> {
                    if (plot == null) {
                        throw ProblemException.conflict("Project " + project.name() + " has no plots yet");
                    }
                    return certificates
                            .next(Certificates.TREE, now)
                            .chain(cert -> trees.insert(
                                            tree, cert, project.id(), plot, species.code(), species.energyGrams(), now)
                                    .replaceWith(cert));
                })
                .call(cert -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Map.Entry<String, Long> o : owners.entrySet()) {
                        chain = chain.chain(() -> trees.insertOwner(tree, o.getKey(), o.getValue()))
                                .chain(() -> outbox.append(new TreePlanted(
                                        o.getKey(),
                                        cert,
                                        species.code(),
                                        project.id().toString(),
                                        project.region(),
                                        o.getValue(),
                                        now,
                                        owners.keySet().stream()
                                                .filter(u -> !u.equals(o.getKey()))
                                                .findFirst()
                                                .orElse(null))))
                                .replaceWithVoid();
                    }
                    return chain;
                });
    }

    /** Invites a friend to share a tree of the project, each paying half (the inviter the odd gram). */
    public Uni<CoPlanting> invite(String user, String partner, UUID projectId) {
        if (user.equals(partner)) {
            throw ProblemException.badRequest("Co-plant with a friend, not with yourself");
        }
        Instant now = clock.instant();
        return db.transaction(() -> friends.requireFriends(user, partner)
                .chain(() -> project(projectId))
                .chain(project -> species.find(project.speciesCode()).chain(s -> {
                    long partnerGrams = s.energyGrams() / 2;
                    UUID id = UUID.randomUUID();
                    return coPlantings
                            .insert(id, projectId, user, partner, s.energyGrams() - partnerGrams, partnerGrams, now)
                            // the partner's phone is told, through the outbox
                            .call(() -> outbox.append(new CoPlantingInvited(
                                    id.toString(),
                                    partner,
                                    user,
                                    projectId.toString(),
                                    project.name(),
                                    partnerGrams,
                                    now)))
                            .chain(() -> coPlanting(id));
                })));
    }

    /**
     * The partner accepts: both balances are debited (in user order), the tree is planted with two owners and one
     * certificate. If either balance falls short or the stock is gone, nothing happens and the invitation stays open.
     */
    public Uni<MyTree> accept(String partner, UUID invitation) {
        Instant now = clock.instant();
        return db.transaction(() -> coPlantings
                .accept(invitation, partner, now)
                .chain(accepted -> accepted == null
                        ? coPlanting(invitation).map(c -> {
                            if (!c.partnerId().equals(partner)) {
                                throw ProblemException.notFound("No co-planting invitation " + invitation + " to you");
                            }
                            throw ProblemException.conflict("Invitation " + invitation + " is already " + c.status());
                        })
                        : plantTogether(partner, accepted, now)));
    }

    private Uni<MyTree> plantTogether(String partner, CoPlanting invitation, Instant now) {
        String initiator = invitation.initiatorId();
        Map<String, Long> shares = new LinkedHashMap<>();
        shares.put(initiator, invitation.initiatorGrams());
        shares.put(partner, invitation.partnerGrams());
        return project(invitation.projectId())
                .chain(project -> species.find(project.speciesCode()).chain(s -> {
                    String what = "half a " + s.nameZh() + " (" + s.nameEn() + ")";
                    Uni<Void> debits = Uni.createFrom().voidItem();
                    for (String u : shares.keySet().stream().sorted().toList()) {
                        debits = debits.chain(() -> spending.debit(
                                u, shares.get(u), what, u.equals(partner) ? "your balance" : initiator + "'s balance"));
                    }
                    return debits.chain(() -> totals.addEach(Totals.Counter.ENERGY_SPENT, shares))
                            .chain(() -> place(project, s, shares, now))
                            .call(cert -> coPlantings.setCertificate(invitation.id(), cert))
                            .chain(cert -> trees.ofOwner(partner, cert, 0, 1))
                            .map(l -> l.get(0));
                }));
    }

    /** The partner declines, or the inviter cancels, a pending invitation. */
    public Uni<CoPlanting> withdraw(String user, UUID invitation) {
        Instant now = clock.instant();
        return db.transaction(() -> coPlantings
                .withdraw(invitation, user, now)
                .chain(withdrawn -> coPlanting(invitation).map(c -> {
                    if (!c.partnerId().equals(user) && !c.initiatorId().equals(user)) {
                        throw ProblemException.notFound("No co-planting invitation " + invitation + " of yours");
                    }
                    if (!withdrawn) {
                        throw ProblemException.conflict("Invitation " + invitation + " is already " + c.status());
                    }
                    return c;
                })));
    }

    public Uni<List<CoPlanting>> coPlantings(String user) {
        return coPlantings.ofUser(user);
    }

    /** An invitation the user sent or received. */
    public Uni<CoPlanting> coPlanting(String user, UUID invitation) {
        return coPlanting(invitation).map(c -> {
            if (!c.partnerId().equals(user) && !c.initiatorId().equals(user)) {
                throw ProblemException.notFound("No co-planting invitation " + invitation + " of yours");
            }
            return c;
        });
    }

    private Uni<CoPlanting> coPlanting(UUID id) {
        return coPlantings
                .find(id)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No co-planting invitation " + id));
    }

    public Uni<List<MyTree>> trees(String user, int page, int size) {
        return trees.ofOwner(user, null, page, size);
    }

    /** What a tree certificate certifies, for anyone checking it; 404 for a number no tree has. */
    public Uni<Trees.Certified> certified(String certificateNo) {
        return trees.certified(certificateNo)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No tree has certificate " + certificateNo));
    }

    /** One of the user's trees, by its certificate. */
    public Uni<MyTree> tree(String user, String certificateNo) {
        return trees.ofOwner(user, certificateNo, 0, 1).map(l -> {
            if (l.isEmpty()) {
                throw ProblemException.notFound("You have no tree with certificate " + certificateNo);
            }
            return l.get(0);
        });
    }

    /** The latest photo of the plot where the caller's tree stands. */
    public Uni<Photo> latestPhoto(String user, String certificateNo) {
        return tree(user, certificateNo).map(t -> {
            if (t.latestPhoto() == null) {
                throw ProblemException.notFound("No station has photographed the plot of " + certificateNo + " yet");
            }
            return t.latestPhoto();
        });
    }
}
