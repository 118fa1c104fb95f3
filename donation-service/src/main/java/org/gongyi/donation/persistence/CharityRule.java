package org.gongyi.donation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Embedded;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
    @Embedded
    public RuleTerms terms;
    @Column(name = "effective_from")
    public Instant effectiveFrom;
    @Column(name = "effective_to")
    public Instant effectiveTo;
}
