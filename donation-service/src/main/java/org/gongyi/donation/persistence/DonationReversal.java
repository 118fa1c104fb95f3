package org.gongyi.donation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "donation_reversal")
public class DonationReversal extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "donation_id")
    public UUID donationId;
    @Column(name = "project_id")
    public UUID projectId;
    @Column(name = "payout_id")
    public UUID payoutId;
    @Column(name = "amount_fen")
    public long amountFen;
    /** The refunded amount of the deal behind this reversal. */
    @Column(name = "refunded_fen")
    public long refundedFen;
    public String reason;
    @Column(name = "reversed_at")
    public Instant reversedAt;
    /** The refund event this row came from. */
    @Column(name = "source_event_id")
    public UUID sourceEventId;
}
