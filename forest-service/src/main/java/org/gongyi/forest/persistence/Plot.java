package org.gongyi.forest.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A plot of a planting project, where its trees stand. */
@Entity
@Table(name = "plot")
public class Plot extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "project_id")
    public UUID projectId;
    public String name;
    public BigDecimal latitude;
    public BigDecimal longitude;
    public int trees;
    @Column(name = "created_at")
    public Instant createdAt;
}
