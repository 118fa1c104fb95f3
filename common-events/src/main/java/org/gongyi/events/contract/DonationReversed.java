package org.gongyi.events.contract;

import java.time.Instant;

/** A refund reversed a donation: a reversal entry of {@code amountFen}, the original is never deleted. */
public record DonationReversed(String donationId, String orderId, String itemId, String buyerId, String projectId,
                               long amountFen, String reason, Instant reversedAt) implements EventData {
    @Override
    public String partitionKey() {
        return buyerId;
    }

    @Override
    public String subject() {
        return donationId;
    }
}
