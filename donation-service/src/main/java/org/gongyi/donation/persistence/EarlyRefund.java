package org.gongyi.donation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A refund that arrived before its purchase; applied when the purchase is recorded. */
@Entity
@Table(name = "early_refund")
public class EarlyRefund extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "order_id")
    public String orderId;
    /** Null: the whole order. */
    @Column(name = "item_id")
    public String itemId;
    /** Null: all of it. */
    @Column(name = "refunded_fen")
    public Long refundedFen;
    public String reason;
    @Column(name = "refunded_at")
    public Instant refundedAt;
    @Column(name = "applied_at")
    public Instant appliedAt;
}
