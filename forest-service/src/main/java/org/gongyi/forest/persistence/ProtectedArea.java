package org.gongyi.forest.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A protected area (人人一平米), claimed by the square metre at an energy price. */
@Entity
@Table(name = "protected_area")
public class ProtectedArea extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String region;
    @Column(name = "size_m2")
    public long sizeM2;
    @Column(name = "claimed_m2")
    public long claimedM2;
    @Column(name = "price_grams_per_m2")
    public long priceGramsPerM2;
    @Column(name = "created_at")
    public Instant createdAt;
}
