package org.gongyi.forest.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.gongyi.forest.domain.EnergyDecision;

import java.time.Instant;
import java.util.UUID;

/** A reported low-carbon action and what it earned (or why it earned nothing). */
@Entity
@Table(name = "energy_action")
public class EnergyAction extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "action_type")
    public String actionType;
    @Column(name = "source_ref")
    public String sourceRef;
    public long quantity;
    @Column(name = "amount_fen")
    public Long amountFen;
    @Column(name = "household_account")
    public String householdAccount;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "rule_version")
    public int ruleVersion;
    @Enumerated(EnumType.STRING)
    public EnergyDecision.Status status;
    public long grams;
    public String reason;
    @Column(name = "ball_id")
    public UUID ballId;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    /** The low-carbon action event this row came from. */
    @Column(name = "source_event_id")
    public UUID sourceEventId;
}
