package org.gongyi.events.contract;

import java.time.Instant;

public record DonationRecorded(
        String donationId,
        String orderId,
        String itemId,
        String buyerId,
        String sellerId,
        String projectId,
        String province,
        long paidFen,
        long amountFen,
        DonationRule rule,
        Instant completedAt,
        Instant recordedAt)
        implements EventData {
    @Override
    public String partitionKey() {
        return buyerId;
    }

    @Override
    public String subject() {
        return donationId;
    }
}
