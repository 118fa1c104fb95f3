package org.gongyi.donation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.donation.domain.DonationRule;
import org.gongyi.donation.persistence.CharityOrganisation;
import org.gongyi.donation.persistence.CharityProject;
import org.gongyi.donation.persistence.CharityRule;
import org.gongyi.donation.persistence.RuleTerms;

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

    private final Clock clock;

    public RuleService(Clock clock) {
        this.clock = clock;
    }

    @WithTransaction
    public Uni<CharityRule> set(String itemId, String sellerId, UUID projectId, DonationRule rule) {
        Instant now = clock.instant();
        return CharityProject.<CharityProject>findById(projectId)
                .onItem().ifNull().failWith(() -> ProblemException.badRequest("No project " + projectId))
                .invoke(project -> {
                    if (!project.takesRulesAt(now)) {
                        throw ProblemException.conflict("Project " + projectId + " is closed or has ended");
                    }
                })
                .call(project -> CharityOrganisation.<CharityOrganisation>findById(project.charityId).invoke(org -> {
                    if (org == null || !org.verified()) {
                        throw ProblemException.conflict("Project " + projectId + " belongs to an organisation "
                                + "that is not verified yet");
                    }
                }))
                .chain(project -> closeCurrent(itemId, sellerId, now))
                .chain(closed -> {
                    CharityRule r = new CharityRule();
                    r.id = UUID.randomUUID();
                    r.itemId = itemId;
                    r.sellerId = sellerId;
                    r.projectId = projectId;
                    r.terms = RuleTerms.of(rule);
                    r.effectiveFrom = now;
                    return r.persist();
                });
    }

    /** Stops donations for the item from now on. */
    @WithTransaction
    public Uni<Void> stop(String itemId, String sellerId) {
        return closeCurrent(itemId, sellerId, clock.instant()).invoke(closed -> {
            if (closed == null) {
                throw ProblemException.notFound("Item " + itemId + " has no charity rule");
            }
        }).replaceWithVoid();
    }

    /**
     * The rule in force on an item: the given seller's, or, without a seller, the only seller's with one (several
     * sellers' rules on one item id: the caller must say whose).
     */
    @WithSession
    public Uni<CharityRule> current(String itemId, String sellerId) {
        if (sellerId != null) {
            return currentRule(itemId, sellerId).onItem().ifNull().failWith(() -> ProblemException.notFound(
                    "Item " + itemId + " has no charity rule of seller " + sellerId));
        }
        return CharityRule.<CharityRule>list("itemId = ?1 and effectiveTo is null", itemId)
                .map(inForce -> switch (inForce.size()) {
                    case 0 -> throw ProblemException.notFound("Item " + itemId + " has no charity rule");
                    case 1 -> inForce.get(0);
                    default -> throw ProblemException.conflict("Item " + itemId + " has rules of " + inForce.size()
                            + " sellers: ask for one with ?sellerId=");
                });
    }

    private static Uni<CharityRule> currentRule(String itemId, String sellerId) {
        return CharityRule.<CharityRule>find("itemId = ?1 and sellerId = ?2 and effectiveTo is null", itemId, sellerId)
                .firstResult();
    }

    private static Uni<CharityRule> closeCurrent(String itemId, String sellerId, Instant now) {
        return currentRule(itemId, sellerId).invoke(current -> {
            if (current != null) {
                current.effectiveTo = now;
            }
        }).call(current -> current == null ? Uni.createFrom().voidItem()
                : CharityRule.getSession().chain(s -> s.flush()));
    }
}
