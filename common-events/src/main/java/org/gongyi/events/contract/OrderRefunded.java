package org.gongyi.events.contract;

import java.time.Instant;
import java.util.List;

/**
 * A completed order was refunded: each listed line by {@code refundedFen} (a partial refund is less than the line
 * paid), or the whole order when {@code lines} is empty or absent.
 */
public record OrderRefunded(String orderId, String buyerId, Instant refundedAt, List<Line> lines,
                            String reason) implements EventData {

    public record Line(String itemId, long refundedFen) {
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
