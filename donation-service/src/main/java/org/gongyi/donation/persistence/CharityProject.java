package org.gongyi.donation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "charity_project")
public class CharityProject extends PanacheEntityBase {

    public enum Kind { ONGOING, TIME_LIMITED }

    @Id
    public UUID id;
    public String name;
    public String description;
    @Column(name = "charity_id")
    public String charityId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Column(name = "target_fen")
    public Long targetFen;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "ends_at")
    public Instant endsAt;

    /** Gross amount donated; the net raised amount is donated − reversed. */
    @Column(name = "donated_fen")
    public long donatedFen;
    @Column(name = "reversed_fen")
    public long reversedFen;
    @Column(name = "donation_count")
    public long donationCount;
    @Column(name = "reversal_count")
    public long reversalCount;
    @Column(name = "donor_count")
    public long donorCount;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "closed_at")
    public Instant closedAt;

    /** Whether the project takes donations from a deal completed at {@code t}: started, not closed, not ended. */
    public boolean acceptsAt(Instant t) {
        return (startsAt == null || !startsAt.isAfter(t)) && takesRulesAt(t);
    }

    /** Whether sellers may attach it to items at {@code t}: not closed, not ended (before its start too). */
    public boolean takesRulesAt(Instant t) {
        return (closedAt == null || closedAt.isAfter(t)) && (endsAt == null || endsAt.isAfter(t));
    }
}
