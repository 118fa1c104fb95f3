package org.gongyi.events.contract;

import java.time.Instant;

/** A refund reversed a donation: a reversal entry of {@code amountFen}, the original is never deleted. */
public record DonationReversed(
        String donationId,
        String reversalId,
        String orderId,
        String itemId,
        String buyerId,
        String projectId,
        long amountFen,
        String reason,
        Instant reversedAt)
        implements EventData {

    /**
     * What makes this reversal one business fact, whatever event carries it: its id, or (events written before the id)
     * the donation, the time and the amount.
     */
    public String reversalKey() {
        return reversalId != null
                ? "reversal:" + reversalId
                : "content:" + Hashes.sha256Hex(donationId + '|' + reversedAt + '|' + amountFen);
    }

    @Override
    public String partitionKey() {
        return buyerId;
    }

    @Override
    public String subject() {
        return donationId;
    }
}
