package org.gongyi.forest.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A plot in a poverty-alleviation county that one user may claim (认领). */
@Entity
@Table(name = "county_plot")
public class CountyPlot extends PanacheEntityBase {
    @Id
    public UUID id;
    public String county;
    public String name;
    @Column(name = "size_m2")
    public long sizeM2;
    @Column(name = "price_grams")
    public long priceGrams;
    @Column(name = "claimed_by")
    public String claimedBy;
    @Column(name = "claimed_at")
    public Instant claimedAt;
    @Column(name = "certificate_no")
    public String certificateNo;
    @Column(name = "created_at")
    public Instant createdAt;
}
