package org.gongyi.donation.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.donation.domain.DonationRule;
import org.gongyi.donation.persistence.CharityRule;
import org.gongyi.donation.persistence.Organisations;
import org.gongyi.donation.persistence.Projects;
import org.gongyi.donation.persistence.RuleTerms;
import org.gongyi.donation.persistence.Rules;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Sellers' rules on their items. A rule is the seller's own: it applies to that seller's deals of the item only, so
 * another seller naming the same item id neither blocks nor changes it. A new rule closes the seller's rule in force;
 * history is kept.
 */
@ApplicationScoped
public class RuleService {

    private final Db db;
    private final Rules rules;
    private final Projects projects;
    private final Organisations organisations;
    private final Clock clock;

    public RuleService(Db db, Rules rules, Projects projects, Organisations organisations, Clock clock) {
        this.db = db;
        this.rules = rules;
        this.projects = projects;
        this.organisations = organisations;
        this.clock = clock;
    }

    public Uni<CharityRule> set(String itemId, String sellerId, UUID projectId, DonationRule rule) {
        Instant now = clock.instant();
        return db.transaction(() -> projects.find(projectId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.badRequest("No project " + projectId))
                .invoke(project -> {
                    if (!project.takesRulesAt(now)) {
                        throw ProblemException.conflict("Project " + projectId + " is closed or has ended");
                    }
                })
                .call(project -> organisations.find(project.charityId()).invoke(org -> {
                    if (org == null || !org.verified()) {
                        throw ProblemException.conflict(
                                "Project " + projectId + " belongs to an organisation " + "that is not verified yet");
                    }
                }))
                .chain(project -> rules.closeInForce(itemId, sellerId, now))
                .chain(closed -> rules.insert(new CharityRule(
                        UUID.randomUUID(), itemId, sellerId, projectId, RuleTerms.of(rule), now, null))));
    }

    /** Stops donations for the item from now on. */
    public Uni<Void> stop(String itemId, String sellerId) {
        return db.transaction(() -> rules.closeInForce(itemId, sellerId, clock.instant())
                .invoke(closed -> {
                    if (closed == null) {
                        throw ProblemException.notFound("Item " + itemId + " has no charity rule");
                    }
                })
                .replaceWithVoid());
    }

    /**
     * The rule in force on an item: the given seller's, or, without a seller, the only seller's with one (several
     * sellers' rules on one item id: the caller must say whose).
     */
    public Uni<CharityRule> current(String itemId, String sellerId) {
        if (sellerId != null) {
            return rules.inForce(itemId, sellerId)
                    .onItem()
                    .ifNull()
                    .failWith(() ->
                            ProblemException.notFound("Item " + itemId + " has no charity rule of seller " + sellerId));
        }
        return rules.inForce(itemId).map(inForce -> switch (inForce.size()) {
            case 0 -> throw ProblemException.notFound("Item " + itemId + " has no charity rule");
            case 1 -> inForce.get(0);
            default ->
                throw ProblemException.conflict(
                        "Item " + itemId + " has rules of " + inForce.size() + " sellers: ask for one with ?sellerId=");
        });
    }
}
