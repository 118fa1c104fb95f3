package org.gongyi.volunteer.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A blood donation a volunteer declared; an organisation verifies (credits welfare time) or rejects it. */
@Entity
@Table(name = "blood_donation")
public class BloodDonation extends PanacheEntityBase {
    public enum Status { PENDING, VERIFIED, REJECTED }

    @Id
    public UUID id;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "organisation_id")
    public String organisationId;
    @Column(name = "donated_at")
    public Instant donatedAt;
    @Column(name = "volume_ml")
    public int volumeMl;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "declared_at")
    public Instant declaredAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
}
