package org.gongyi.reunion.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A guardian reporting a missing elder to a police agency, which may publish a case from it. */
@Entity
@Table(name = "escalation")
public class Escalation extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "elder_id")
    public UUID elderId;
    @Column(name = "agency_id")
    public String agencyId;
    @Column(name = "guardian_id")
    public String guardianId;
    public String note;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "case_id")
    public UUID caseId;
}
