package org.gongyi.reunion.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A free police DNA collection point (滴血寻亲). Written with native SQL (geo column), read here. */
@Entity
@Table(name = "dna_point")
public class DnaPoint extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String address;
    public String phone;
    @Column(name = "opening_hours")
    public String openingHours;
    public double latitude;
    public double longitude;
    @Column(name = "created_at")
    public Instant createdAt;
}
