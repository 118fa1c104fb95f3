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

/** A volunteer's attendance at an activity: checked in, out, the time recorded and then verified. */
@Entity
@Table(name = "service_record")
public class ServiceRecord extends PanacheEntityBase {
    public enum Status { OPEN, RECORDED, DISPUTED, VERIFIED }

    @Id
    public UUID id;
    @Column(name = "activity_id")
    public UUID activityId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "checked_in_at")
    public Instant checkedInAt;
    @Column(name = "checked_out_at")
    public Instant checkedOutAt;
    public Integer minutes;
    public Integer tenths;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "verified_by")
    public String verifiedBy;
    @Column(name = "verified_at")
    public Instant verifiedAt;
    @Column(name = "dispute_reason")
    public String disputeReason;
}
