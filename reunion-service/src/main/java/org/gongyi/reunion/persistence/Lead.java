package org.gongyi.reunion.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A lead the public sent on a case: seen only by the case's agency. */
@Entity
@Table(name = "lead")
public class Lead extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "author_id")
    public String authorId;
    public String text;
    public Double latitude;
    public Double longitude;
    @Column(name = "photo_url")
    public String photoUrl;
    @Column(name = "created_at")
    public Instant createdAt;
}
