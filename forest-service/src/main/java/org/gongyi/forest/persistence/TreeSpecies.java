package org.gongyi.forest.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A tree species and the energy it costs to plant one. */
@Entity
@Table(name = "tree_species")
public class TreeSpecies extends PanacheEntityBase {
    @Id
    public String code;
    @Column(name = "name_zh")
    public String nameZh;
    @Column(name = "name_en")
    public String nameEn;
    @Column(name = "energy_grams")
    public long energyGrams;
    @Column(name = "created_at")
    public Instant createdAt;
}
