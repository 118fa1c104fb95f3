package org.gongyi.donation.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.gongyi.donation.domain.DonationRule;
import org.gongyi.donation.domain.DonationRule.RuleType;

/** A donation rule as stored: on an item's rule version, and copied onto each donation made under it. */
@Embeddable
public class RuleTerms {
    @Enumerated(EnumType.STRING)
    @Column(name = "rule_type")
    public RuleType ruleType;
    @Column(name = "basis_points")
    public Integer basisPoints;
    @Column(name = "fixed_fen")
    public Long fixedFen;

    public static RuleTerms of(DonationRule rule) {
        RuleTerms t = new RuleTerms();
        t.ruleType = rule.type();
        t.basisPoints = rule instanceof DonationRule.Percentage p ? p.basisPoints() : null;
        t.fixedFen = rule instanceof DonationRule.Fixed f ? f.amountFen() : null;
        return t;
    }

    public DonationRule rule() {
        return switch (ruleType) {
            case PERCENTAGE -> new DonationRule.Percentage(basisPoints);
            case FIXED -> new DonationRule.Fixed(fixedFen);
        };
    }

    public RuleTerms copy() {
        RuleTerms t = new RuleTerms();
        t.ruleType = ruleType;
        t.basisPoints = basisPoints;
        t.fixedFen = fixedFen;
        return t;
    }
}
