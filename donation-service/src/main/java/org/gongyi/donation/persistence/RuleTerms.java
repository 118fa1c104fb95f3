package org.gongyi.donation.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.donation.domain.DonationRule;
import org.gongyi.donation.domain.DonationRule.RuleType;

/**
 * A donation rule as stored: on an item's rule version, and copied onto each donation made under it (columns
 * {@code rule_type, basis_points, fixed_fen}).
 */
public record RuleTerms(RuleType ruleType, Integer basisPoints, Long fixedFen) {

    public static RuleTerms of(DonationRule rule) {
        return new RuleTerms(
                rule.type(),
                rule instanceof DonationRule.Percentage p ? p.basisPoints() : null,
                rule instanceof DonationRule.Fixed f ? f.amountFen() : null);
    }

    static RuleTerms from(Row row) {
        return new RuleTerms(
                RuleType.valueOf(row.getString("rule_type")), row.getInteger("basis_points"), row.getLong("fixed_fen"));
    }

    public DonationRule rule() {
        return switch (ruleType) {
            case PERCENTAGE -> new DonationRule.Percentage(basisPoints);
            case FIXED -> new DonationRule.Fixed(fixedFen);
        };
    }
}
