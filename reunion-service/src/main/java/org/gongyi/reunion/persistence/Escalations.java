package org.gongyi.reunion.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class Escalations {

    private static final String ESCALATE = """
            insert into escalation (id, elder_id, agency_id, guardian_id, note, created_at, last_latitude,
                                    last_longitude, last_recorded_at, left_zone_at, expires_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            returning %s
            """.formatted(Escalation.COLUMNS);
    /** The agency's escalations that have not expired, newest first. */
    private static final String OPEN_OF_AGENCY = """
            select %s from escalation where agency_id = $1 and expires_at > $2 order by created_at desc, id limit 200
            """.formatted(Escalation.COLUMNS);

    private static final String BY_ID = """
            select %s from escalation where id = $1
            """.formatted(Escalation.COLUMNS);
    /** Locked: one case is published from an escalation. */
    private static final String BY_ID_LOCKED = """
            select %s from escalation where id = $1 for update
            """.formatted(Escalation.COLUMNS);

    private static final String CASE_PUBLISHED = "update escalation set case_id = $2 where id = $1";

    private final Db db;

    public Escalations(Db db) {
        this.db = db;
    }

    public Uni<Escalation> escalate(
            UUID id,
            UUID elderId,
            String agency,
            String guardian,
            String note,
            Instant now,
            Elders.Position lastKnown,
            Instant leftZoneAt,
            Instant expiresAt) {
        return db.first(
                ESCALATE,
                Escalation::from,
                id,
                elderId,
                agency,
                guardian,
                note,
                now,
                lastKnown.latitude(),
                lastKnown.longitude(),
                lastKnown.recordedAt(),
                leftZoneAt,
                expiresAt);
    }

    /** The agency's latest 200 escalations not expired at {@code now}, newest first. */
    public Uni<List<Escalation>> openOfAgency(String agency, Instant now) {
        return db.list(OPEN_OF_AGENCY, Escalation::from, agency, now);
    }

    /** The escalation, or null. */
    public Uni<Escalation> find(UUID id) {
        return db.first(BY_ID, Escalation::from, id);
    }

    /** The escalation locked for this transaction, or null. */
    public Uni<Escalation> lock(UUID id) {
        return db.first(BY_ID_LOCKED, Escalation::from, id);
    }

    public Uni<Integer> casePublished(UUID id, UUID caseId) {
        return db.update(CASE_PUBLISHED, id, caseId);
    }
}
