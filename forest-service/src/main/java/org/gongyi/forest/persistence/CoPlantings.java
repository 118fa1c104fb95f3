package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Co-planting invitations: each decided once (conditional updates of a pending one). */
@ApplicationScoped
public class CoPlantings {

    private static final String INSERT = """
            insert into co_planting (id, project_id, initiator_id, partner_id, initiator_grams, partner_grams, status,
                                     created_at)
            values ($1, $2, $3, $4, $5, $6, 'PENDING', $7)
            """;
    private static final String BY_ID = "select %s from co_planting where id = $1".formatted(CoPlanting.COLUMNS);
    private static final String OF_USER = """
            select %s from co_planting where initiator_id = $1 or partner_id = $1
            order by created_at desc limit 200
            """.formatted(CoPlanting.COLUMNS);
    /** The partner accepts a pending invitation. */
    private static final String ACCEPT_PENDING = """
            update co_planting set status = 'PLANTED', decided_at = $3
            where id = $1 and partner_id = $2 and status = 'PENDING'
            returning %s
            """.formatted(CoPlanting.COLUMNS);
    /** The partner declines, or the initiator cancels, a pending invitation. */
    private static final String WITHDRAW_PENDING = """
            update co_planting
               set status = case when partner_id = $2 then 'DECLINED' else 'CANCELLED' end, decided_at = $3
            where id = $1 and (partner_id = $2 or initiator_id = $2) and status = 'PENDING'
            """;

    private static final String SET_CERTIFICATE = "update co_planting set certificate_no = $2 where id = $1";

    private final Db db;

    public CoPlantings(Db db) {
        this.db = db;
    }

    public Uni<Integer> insert(
            UUID id,
            UUID projectId,
            String initiator,
            String partner,
            long initiatorGrams,
            long partnerGrams,
            Instant now) {
        return db.update(INSERT, id, projectId, initiator, partner, initiatorGrams, partnerGrams, now);
    }

    /** The invitation, or null. */
    public Uni<CoPlanting> find(UUID id) {
        return db.first(BY_ID, CoPlanting::from, id);
    }

    /** The latest 200 invitations the user sent or received, newest first. */
    public Uni<List<CoPlanting>> ofUser(String user) {
        return db.list(OF_USER, CoPlanting::from, user);
    }

    /** The invitation accepted now by its partner; null when it is not a pending one to them. */
    public Uni<CoPlanting> accept(UUID id, String partner, Instant now) {
        return db.first(ACCEPT_PENDING, CoPlanting::from, id, partner, now);
    }

    /** True when a pending invitation of the user's was declined or cancelled. */
    public Uni<Boolean> withdraw(UUID id, String user, Instant now) {
        return db.update(WITHDRAW_PENDING, id, user, now).map(n -> n == 1);
    }

    public Uni<Integer> setCertificate(UUID id, String certificateNo) {
        return db.update(SET_CERTIFICATE, id, certificateNo);
    }
}
