package org.gongyi.forest.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Energy waiting to be collected: ripe from {@code ripensAt}, gone at {@code expiresAt}. */
@Entity
@Table(name = "energy_ball")
public class EnergyBall extends PanacheEntityBase {
    public enum Kind {
        ACTION,
        WATERING
    }

    @Id
    public UUID id;
    @Column(name = "user_id")
    public String userId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Column(name = "action_type")
    public String actionType;
    @Column(name = "action_id")
    public UUID actionId;
    @Column(name = "from_user")
    public String fromUser;
    public long grams;
    @Column(name = "ripens_at")
    public Instant ripensAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "collected_at")
    public Instant collectedAt;
    @Column(name = "collected_grams")
    public Long collectedGrams;
    @Column(name = "friend_grams")
    public Long friendGrams;
    @Column(name = "created_at")
    public Instant createdAt;

    /** What the owner would get now: what a friend took stays with the friend. */
    public long collectableGrams() {
        return grams - (friendGrams == null ? 0 : friendGrams);
    }
}
