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

import java.time.Instant;
import java.util.UUID;

/** Sellers' rules on their items. A new rule closes the one in force; history is kept. */
@ApplicationScoped
public class RuleService {

    @WithTransaction
    public Uni<CharityRule> set(String itemId, String sellerId, UUID projectId, DonationRule rule) {
        Instant now = Instant.now();
        return CharityProject.<CharityProject>findById(projectId)
                .onItem().ifNull().failWith(() -> ProblemException.badRequest("No project " + projectId))
                .invoke(project -> {
                    if (!project.acceptsAt(now)) {
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
        return closeCurrent(itemId, sellerId, Instant.now()).invoke(closed -> {
            if (closed == null) {
                throw ProblemException.notFound("Item " + itemId + " has no charity rule");
            }
        }).replaceWithVoid();
    }

    @WithSession
    public Uni<CharityRule> current(String itemId) {
        return currentRule(itemId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Item " + itemId + " has no charity rule"));
    }

    private static Uni<CharityRule> currentRule(String itemId) {
        return CharityRule.<CharityRule>find("itemId = ?1 and effectiveTo is null", itemId).firstResult();
    }

    private static Uni<CharityRule> closeCurrent(String itemId, String sellerId, Instant now) {
        return currentRule(itemId).invoke(current -> {
            if (current == null) {
                return;
            }
            if (!current.sellerId.equals(sellerId)) {
                throw ProblemException.forbidden("Item " + itemId + " belongs to another seller");
            }
            current.effectiveTo = now;
        }).call(current -> current == null ? Uni.createFrom().voidItem()
                : CharityRule.getSession().chain(s -> s.flush()));
    }
}
