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

/** An activity an organisation publishes: volunteers sign up to its places. {@code confirmed} ≤ {@code capacity}. */
@Entity
@Table(name = "activity")
public class Activity extends PanacheEntityBase {
    public enum Status { OPEN, CANCELLED }

    @Id
    public UUID id;
    @Column(name = "organisation_id")
    public String organisationId;
    public String title;
    public String description;
    public String place;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "ends_at")
    public Instant endsAt;
    @Column(name = "sign_up_deadline")
    public Instant signUpDeadline;
    public int capacity;
    public int confirmed;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;
    @Column(name = "reminded_at")
    public Instant remindedAt;
    /** Shown by the organisation on site; never in public views. */
    @Column(name = "check_in_code")
    public String checkInCode;
}
