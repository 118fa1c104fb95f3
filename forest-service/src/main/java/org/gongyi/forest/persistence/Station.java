package org.gongyi.forest.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A monitoring station photographing one plot. */
@Entity
@Table(name = "station")
public class Station extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "plot_id")
    public UUID plotId;
    public String name;
    @Column(name = "created_at")
    public Instant createdAt;
}
