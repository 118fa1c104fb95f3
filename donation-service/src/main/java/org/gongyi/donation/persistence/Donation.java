package org.gongyi.donation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Embedded;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One donation: one completed deal (order line) of an item with a rule in force. */
@Entity
@Table(name = "donation")
public class Donation extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "item_id")
    public String itemId;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "seller_id")
    public String sellerId;
    public String province;
    @Column(name = "project_id")
    public UUID projectId;
    @Column(name = "rule_id")
    public UUID ruleId;
    /** The rule in force when the deal completed. */
    @Embedded
    public RuleTerms terms;
    @Column(name = "paid_fen")
    public long paidFen;
    @Column(name = "amount_fen")
    public long amountFen;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    /** Refunded so far on this deal. */
    @Column(name = "refunded_fen")
    public long refundedFen;
    /** Reversed so far of this donation; reversedAt is set once all of it is. */
    @Column(name = "reversed_fen")
    public long reversedFen;
    /** The payout that settled this donation; null while it is in the open balance. */
    @Column(name = "payout_id")
    public UUID payoutId;
    @Column(name = "reversed_at")
    public Instant reversedAt;
}
