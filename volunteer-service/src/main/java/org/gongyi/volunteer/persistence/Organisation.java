package org.gongyi.volunteer.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A charity organisation; only a verified one publishes activities. */
@Entity
@Table(name = "organisation")
public class Organisation extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "verified_at")
    public Instant verifiedAt;
    @Column(name = "created_at")
    public Instant createdAt;
}
