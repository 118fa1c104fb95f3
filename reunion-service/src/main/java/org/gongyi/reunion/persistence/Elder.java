package org.gongyi.reunion.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.gongyi.reunion.domain.SafeZone;

import java.time.Instant;
import java.util.UUID;

/** An elderly person a guardian enrolled, with a locator and a safe zone. Readable by their guardians only. */
@Entity
@Table(name = "elder")
public class Elder extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    @Column(name = "birth_year")
    public int birthYear;
    public String condition;
    @Column(name = "locator_id")
    public String locatorId;
    @Column(name = "zone_latitude")
    public double zoneLatitude;
    @Column(name = "zone_longitude")
    public double zoneLongitude;
    @Column(name = "zone_radius_m")
    public int zoneRadiusM;
    @Enumerated(EnumType.STRING)
    @Column(name = "zone_state")
    public SafeZone.State zoneState;
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
    /** The locator position event the zone state and last-seen time come from. */
    @Column(name = "last_event_id")
    public java.util.UUID lastEventId;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;

    public SafeZone zone() {
        return new SafeZone(zoneLatitude, zoneLongitude, zoneRadiusM);
    }
}
