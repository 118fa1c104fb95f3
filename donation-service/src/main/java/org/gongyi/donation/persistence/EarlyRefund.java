package org.gongyi.donation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.gongyi.common.persistence.Sql;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** A refund that arrived before its purchase; applied when the purchase is recorded. */
@Entity
@Table(name = "early_refund")
public class EarlyRefund extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "order_id")
    public String orderId;
    /** Null: the whole order. */
    @Column(name = "item_id")
    public String itemId;
    /** Null: all of it. */
    @Column(name = "refunded_fen")
    public Long refundedFen;
    public String reason;
    @Column(name = "refunded_at")
    public Instant refundedAt;
    @Column(name = "applied_at")
    public Instant appliedAt;
    /** The refund event this row came from. */
    @Column(name = "source_event_id")
    public UUID sourceEventId;

    /** The orders among {@code orderIds} with refunds waiting for their purchase. */
    public static Uni<List<String>> pendingOrders(Collection<String> orderIds) {
        return Sql.strings("select distinct order_id from early_refund where applied_at is null "
                + "and order_id = any(cast(?1 as text[])) order by order_id", (Object) orderIds.toArray(new String[0]));
    }
}
