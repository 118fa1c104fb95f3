package org.gongyi.reunion.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A device that opted in to alerts, with its latest coarse location (written with native SQL, read here). */
@Entity
@Table(name = "device")
public class Device extends PanacheEntityBase {
    public enum Platform { IOS, ANDROID, WEB }

    @Id
    public UUID id;
    @Column(name = "owner_id")
    public String ownerId;
    @Enumerated(EnumType.STRING)
    public Platform platform;
    @Column(name = "push_token")
    public String pushToken;
    public double latitude;
    public double longitude;
    @Column(name = "registered_at")
    public Instant registeredAt;
    @Column(name = "located_at")
    public Instant locatedAt;
}
