package org.gongyi.events.contract;

import java.time.Instant;
import java.util.List;

/** The buyer confirmed receipt: the order is complete. Paid amounts include each line's share of shipping. */
public record PurchaseCompleted(
        String orderId, String buyerId, String sellerId, String province, Instant completedAt, List<Line> lines)
        implements EventData {

    public record Line(String itemId, int quantity, long paidFen) {}

    @Override
    public String partitionKey() {
        return orderId;
    }

    @Override
    public String subject() {
        return orderId;
    }
}
