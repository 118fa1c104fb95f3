package org.gongyi.events.contract;

import java.time.Instant;
import java.util.List;

/** A completed order was refunded: all of it when {@code itemIds} is empty or absent, else those items. */
public record OrderRefunded(String orderId, String buyerId, Instant refundedAt, List<String> itemIds,
                            String reason) implements EventData {

    public boolean wholeOrder() {
        return itemIds == null || itemIds.isEmpty();
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
