package org.gongyi.reunion.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A missing-person case an officer published. Written with native SQL (its {@code pos} geo column is not mapped);
 * read through this entity.
 */
@Entity
@Table(name = "missing_case")
public class MissingCase extends PanacheEntityBase {
    public enum Sex { FEMALE, MALE, UNKNOWN }

    public enum Status { PUBLISHED, CLOSED }

    public enum Closure { FOUND, FALSE_REPORT }

    /** Who a case is about: a missing child, or an elder (a case published from a guardian's escalation). */
    public enum Subject { CHILD, ELDER }

    public enum Outcome { RESCUED, RAN_AWAY, LOST, DECEASED, OTHER }

    @Id
    public UUID id;
    @Column(name = "agency_id")
    public String agencyId;
    @Column(name = "officer_id")
    public String officerId;
    @Column(name = "person_name")
    public String personName;
    public int age;
    @Enumerated(EnumType.STRING)
    public Sex sex;
    @Column(name = "photo_url")
    public String photoUrl;
    public String description;
    public double latitude;
    public double longitude;
    @Column(name = "lost_at")
    public Instant lostAt;
    public String contact;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "published_at")
    public Instant publishedAt;
    @Column(name = "radius_km")
    public Integer radiusKm;
    @Column(name = "next_push_at")
    public Instant nextPushAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "closed_by")
    public String closedBy;
    @Enumerated(EnumType.STRING)
    public Closure closure;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    /** The alert's headline, as pushed and shown. */
    public String title() {
        return "Missing: " + personName + ", " + age + ", " + sex.name().toLowerCase();
    }
}
