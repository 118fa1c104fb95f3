package org.gongyi.forest.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A partner planting one species in one region, up to {@code stock} trees. */
@Entity
@Table(name = "planting_project")
public class PlantingProject extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String region;
    @Column(name = "species_code")
    public String speciesCode;
    public String partner;
    public int stock;
    public int planted;
    @Column(name = "created_at")
    public Instant createdAt;
}
