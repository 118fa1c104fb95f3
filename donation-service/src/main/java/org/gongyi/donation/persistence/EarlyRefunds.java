package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class EarlyRefunds {

    private static final String INSERT = """
            insert into early_refund (id, order_id, item_id, refunded_fen, reason, refunded_at, applied_at,
                                      source_event_id)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            """;
    private static final String PENDING_ORDERS = """
            select distinct order_id from early_refund where applied_at is null
            and order_id = any(cast($1 as text[])) order by order_id""";
    /** Marks the order's waiting refunds applied and returns them in the order they were made: each is taken once. */
    private static final String APPLY_PENDING_OF_ORDER = """
            with applied as (
                update early_refund set applied_at = $2 where order_id = $1 and applied_at is null
                returning %1$s)
            select %1$s from applied order by refunded_at, id
            """.formatted(EarlyRefund.COLUMNS);

    private final Db db;

    public EarlyRefunds(Db db) {
        this.db = db;
    }

    public Uni<EarlyRefund> insert(EarlyRefund e) {
        return db.update(
                        INSERT,
                        e.id(),
                        e.orderId(),
                        e.itemId(),
                        e.refundedFen(),
                        e.reason(),
                        e.refundedAt(),
                        e.appliedAt(),
                        e.sourceEventId())
                .replaceWith(e);
    }

    /** The orders among {@code orderIds} with refunds waiting for their purchase. */
    public Uni<List<String>> pendingOrders(Collection<String> orderIds) {
        return db.list(PENDING_ORDERS, r -> r.getString("order_id"), (Object) orderIds.toArray(new String[0]));
    }

    /** The order's waiting refunds, now marked applied, in the order they were made. */
    public Uni<List<EarlyRefund>> applyPending(String orderId, Instant now) {
        return db.list(APPLY_PENDING_OF_ORDER, EarlyRefund::from, orderId, now);
    }
}
