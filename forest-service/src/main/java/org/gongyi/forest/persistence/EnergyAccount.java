package org.gongyi.forest.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user's collected energy. Changed only by conditional SQL updates (see {@code EnergyAccounts}). */
@Entity
@Table(name = "energy_account")
public class EnergyAccount extends PanacheEntityBase {
    @Id
    @Column(name = "user_id")
    public String userId;
    @Column(name = "balance_grams")
    public long balanceGrams;
    @Column(name = "collected_grams")
    public long collectedGrams;
    @Column(name = "spent_grams")
    public long spentGrams;
    @Column(name = "created_at")
    public Instant createdAt;
}
