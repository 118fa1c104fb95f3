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

/** A volunteer's sign-up (written with native SQL under the activity's lock, read here). */
@Entity
@Table(name = "sign_up")
public class SignUp extends PanacheEntityBase {
    public enum Status { CONFIRMED, WAITLISTED, CANCELLED }

    @Id
    public UUID id;
    public long seq;
    @Column(name = "activity_id")
    public UUID activityId;
    @Column(name = "user_id")
    public String userId;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "signed_up_at")
    public Instant signedUpAt;
    @Column(name = "confirmed_at")
    public Instant confirmedAt;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;
}
