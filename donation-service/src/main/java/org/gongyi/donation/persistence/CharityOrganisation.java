package org.gongyi.donation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A charity organisation; {@code id} is what its staff's tokens carry in the {@code org} claim. */
@Entity
@Table(name = "charity_organisation")
public class CharityOrganisation extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    /** Set once the platform verified the organisation; only then do its projects take rules. */
    @Column(name = "verified_at")
    public Instant verifiedAt;
    @Column(name = "created_at")
    public Instant createdAt;

    public boolean verified() {
        return verifiedAt != null;
    }
}
