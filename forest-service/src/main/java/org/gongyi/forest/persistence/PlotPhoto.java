package org.gongyi.forest.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A photo a station took of its plot. */
@Entity
@Table(name = "plot_photo")
public class PlotPhoto extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "station_id")
    public UUID stationId;
    @Column(name = "plot_id")
    public UUID plotId;
    @Column(name = "taken_at")
    public Instant takenAt;
    @Column(name = "image_url")
    public String imageUrl;
    @Column(name = "received_at")
    public Instant receivedAt;
}
