package org.gongyi.reunion.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An exit from the safe zone: open until the person is back inside. */
@Entity
@Table(name = "elder_alert")
public class ElderAlert extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "elder_id")
    public UUID elderId;
    @Column(name = "left_at")
    public Instant leftAt;
    public Double latitude;
    public Double longitude;
    @Column(name = "returned_at")
    public Instant returnedAt;
    /** The locator-position event that opened this alert. */
    @Column(name = "source_event_id")
    public UUID sourceEventId;
}
