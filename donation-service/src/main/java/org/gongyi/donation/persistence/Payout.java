package org.gongyi.donation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One closed period of one project: what was donated and reversed in it, and the net paid out. */
@Entity
@Table(name = "payout")
public class Payout extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "project_id")
    public UUID projectId;
    /** Null for a project's first payout: from the beginning. */
    @Column(name = "period_start")
    public Instant periodStart;
    @Column(name = "period_end")
    public Instant periodEnd;
    @Column(name = "donated_fen")
    public long donatedFen;
    @Column(name = "reversed_fen")
    public long reversedFen;
    @Column(name = "net_fen")
    public long netFen;
    @Column(name = "donation_count")
    public long donationCount;
    @Column(name = "reversal_count")
    public long reversalCount;
    @Column(name = "created_at")
    public Instant createdAt;
}
