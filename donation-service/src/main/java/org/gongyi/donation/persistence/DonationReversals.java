package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** Reversals, and the refunds already applied (a refund applies once whatever events carry it). */
@ApplicationScoped
public class DonationReversals {

    private static final String INSERT = """
            insert into donation_reversal (id, donation_id, project_id, payout_id, amount_fen, refunded_fen, reason,
                                           reversed_at, source_event_id)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """;
    /** Records that a refund is applied; nothing when it was (the same refund sent again, under another event id). */
    private static final String FIRST_APPLICATION_OF_REFUND = """
            insert into refund_applied (refund_key, order_id, source_event_id, applied_at) values ($1, $2, $3, $4)
            on conflict do nothing
            """;

    private final Db db;

    public DonationReversals(Db db) {
        this.db = db;
    }

    public Uni<DonationReversal> insert(DonationReversal r) {
        return db.update(
                        INSERT,
                        r.id(),
                        r.donationId(),
                        r.projectId(),
                        r.payoutId(),
                        r.amountFen(),
                        r.refundedFen(),
                        r.reason(),
                        r.reversedAt(),
                        r.sourceEventId())
                .replaceWith(r);
    }

    /** Whether this is the refund's first application (then it is recorded as applied). */
    public Uni<Boolean> firstApplicationOfRefund(String refundKey, String orderId, UUID eventId, Instant now) {
        return db.update(FIRST_APPLICATION_OF_REFUND, refundKey, orderId, eventId, now)
                .map(n -> n > 0);
    }
}
