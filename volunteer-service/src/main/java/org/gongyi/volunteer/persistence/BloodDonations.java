package org.gongyi.volunteer.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BloodDonations {

    private static final String DECLARE = """
            insert into blood_donation (id, user_id, organisation_id, donated_at, volume_ml, status, declared_at)
            values ($1, $2, $3, $4, $5, 'PENDING', $6)
            returning %s
            """.formatted(BloodDonation.COLUMNS);
    private static final String BY_ID = """
            select %s from blood_donation where id = $1
            """.formatted(BloodDonation.COLUMNS);
    private static final String BY_ID_LOCKED = """
            select %s from blood_donation where id = $1 for update
            """.formatted(BloodDonation.COLUMNS);
    private static final String DECIDE = """
            update blood_donation set status = $2, decided_by = $3, decided_at = $4
            where id = $1
            returning %s
            """.formatted(BloodDonation.COLUMNS);
    /** The oldest 500 pending declarations, of one organisation or (null) of all. */
    private static final String PENDING = """
            select %s from blood_donation
            where status = 'PENDING' and organisation_id = coalesce($1, organisation_id)
            order by declared_at, id limit 500
            """.formatted(BloodDonation.COLUMNS);

    private final Db db;

    public BloodDonations(Db db) {
        this.db = db;
    }

    public Uni<BloodDonation> declare(
            UUID id, String user, String organisationId, Instant donatedAt, int volumeMl, Instant now) {
        return db.first(DECLARE, BloodDonation::from, id, user, organisationId, donatedAt, volumeMl, now);
    }

    /** The declaration, or null. */
    public Uni<BloodDonation> find(UUID id) {
        return db.first(BY_ID, BloodDonation::from, id);
    }

    /** The declaration locked for this transaction, or null. */
    public Uni<BloodDonation> lock(UUID id) {
        return db.first(BY_ID_LOCKED, BloodDonation::from, id);
    }

    public Uni<BloodDonation> decide(UUID id, BloodDonation.Status status, String by, Instant now) {
        return db.first(DECIDE, BloodDonation::from, id, status, by, now);
    }

    public Uni<List<BloodDonation>> pending(String organisationId) {
        return db.list(PENDING, BloodDonation::from, organisationId);
    }
}
