package org.gongyi.donation.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/**
 * A refund that arrived before its purchase; applied when the purchase is recorded. {@code itemId} null: the whole
 * order; {@code refundedFen} null: all of it. {@code sourceEventId} is the refund event this row came from.
 */
public record EarlyRefund(
        UUID id,
        String orderId,
        String itemId,
        Long refundedFen,
        String reason,
        Instant refundedAt,
        Instant appliedAt,
        UUID sourceEventId) {

    static final String COLUMNS =
            "id, order_id, item_id, refunded_fen, reason, refunded_at, applied_at, source_event_id";

    static EarlyRefund from(Row row) {
        return new EarlyRefund(
                row.getUUID("id"),
                row.getString("order_id"),
                row.getString("item_id"),
                row.getLong("refunded_fen"),
                row.getString("reason"),
                Db.instant(row, "refunded_at"),
                Db.instant(row, "applied_at"),
                row.getUUID("source_event_id"));
    }
}
