package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Items' rule versions ({@code charity_rule}). */
@ApplicationScoped
public class Rules {

    private static final String INSERT = """
            insert into charity_rule (id, item_id, seller_id, project_id, rule_type, basis_points, fixed_fen,
                                      effective_from, effective_to)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """;
    /** Every version of every seller's rules on these items, newest first. */
    private static final String OF_ITEMS_NEWEST_FIRST = """
            select %s from charity_rule where item_id = any(cast($1 as text[])) order by effective_from desc
            """.formatted(CharityRule.COLUMNS);

    private static final String IN_FORCE_OF_SELLER = """
            select %s from charity_rule where item_id = $1 and seller_id = $2 and effective_to is null
            """.formatted(CharityRule.COLUMNS);
    private static final String IN_FORCE = """
            select %s from charity_rule where item_id = $1 and effective_to is null
            """.formatted(CharityRule.COLUMNS);
    /** Ends the seller's version in force on the item. */
    private static final String CLOSE_IN_FORCE = """
            update charity_rule set effective_to = $3
            where item_id = $1 and seller_id = $2 and effective_to is null
            returning %s
            """.formatted(CharityRule.COLUMNS);

    private final Db db;

    public Rules(Db db) {
        this.db = db;
    }

    public Uni<CharityRule> insert(CharityRule r) {
        return db.update(
                        INSERT,
                        r.id(),
                        r.itemId(),
                        r.sellerId(),
                        r.projectId(),
                        r.terms().ruleType(),
                        r.terms().basisPoints(),
                        r.terms().fixedFen(),
                        r.effectiveFrom(),
                        r.effectiveTo())
                .replaceWith(r);
    }

    /** All versions of all sellers' rules on the items, newest first. */
    public Uni<List<CharityRule>> ofItems(Collection<String> itemIds) {
        return db.list(OF_ITEMS_NEWEST_FIRST, CharityRule::from, (Object) itemIds.toArray(new String[0]));
    }

    /** The seller's version in force on the item, or null. */
    public Uni<CharityRule> inForce(String itemId, String sellerId) {
        return db.first(IN_FORCE_OF_SELLER, CharityRule::from, itemId, sellerId);
    }

    /** The versions in force on the item, one per seller with a rule on it. */
    public Uni<List<CharityRule>> inForce(String itemId) {
        return db.list(IN_FORCE, CharityRule::from, itemId);
    }

    /** Closes the seller's version in force at {@code now}; the closed version, or null when there was none. */
    public Uni<CharityRule> closeInForce(String itemId, String sellerId, Instant now) {
        return db.first(CLOSE_IN_FORCE, CharityRule::from, itemId, sellerId, now);
    }
}
