package org.gongyi.donation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.gongyi.donation.domain.DonationRule;
import org.gongyi.donation.domain.DonationRule.RuleType;

import java.time.Instant;
import java.util.UUID;

/** One version of an item's rule, in force from {@code effectiveFrom} until {@code effectiveTo} (open when null). */
@Entity
@Table(name = "charity_rule")
public class CharityRule extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "item_id")
    public String itemId;
    @Column(name = "seller_id")
    public String sellerId;
    @Column(name = "project_id")
    public UUID projectId;
    @Enumerated(EnumType.STRING)
    @Column(name = "rule_type")
    public RuleType ruleType;
    @Column(name = "basis_points")
    public Integer basisPoints;
    @Column(name = "fixed_fen")
    public Long fixedFen;
    @Column(name = "effective_from")
    public Instant effectiveFrom;
    @Column(name = "effective_to")
    public Instant effectiveTo;

    public DonationRule rule() {
        return switch (ruleType) {
            case PERCENTAGE -> new DonationRule.Percentage(basisPoints);
            case FIXED -> new DonationRule.Fixed(fixedFen);
        };
    }

    public void setRule(DonationRule rule) {
        ruleType = rule.type();
        basisPoints = rule instanceof DonationRule.Percentage p ? p.basisPoints() : null;
        fixedFen = rule instanceof DonationRule.Fixed f ? f.amountFen() : null;
    }
}
