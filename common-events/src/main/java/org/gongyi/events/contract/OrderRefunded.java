package org.gongyi.events.contract;

import java.time.Instant;
import java.util.List;

/**
 * A completed order was refunded: each listed line by {@code refundedFen} (a partial refund is less than the line
 * paid), or the whole order when {@code lines} is empty or absent.
 */
public record OrderRefunded(
        String orderId, String refundId, String buyerId, Instant refundedAt, List<Line> lines, String reason)
        implements EventData {

    public record Line(String itemId, long refundedFen) {}

    /**
     * What makes this refund one business fact, whatever event carries it: the platform's refund id, or without one
     * the order, the time and the lines (two refunds of one order at the same instant with the same lines are one).
     */
    public String refundKey() {
        if (refundId != null) {
            return "refund:" + refundId;
        }
        StringBuilder content = new StringBuilder(orderId).append('|').append(refundedAt);
        if (lines != null) {
            lines.forEach(
                    l -> content.append('|').append(l.itemId()).append('=').append(l.refundedFen()));
        }
        return "content:" + Hashes.sha256Hex(content.toString());
    }

    public boolean wholeOrder() {
        return lines == null || lines.isEmpty();
    }

    @Override
    public String partitionKey() {
        return orderId;
    }

    @Override
    public String subject() {
        return orderId;
    }
}
