package org.gongyi.events.contract;

import java.time.Instant;

/**
 * A donation was made: by a completed purchase under its seller's {@code rule}, or by a lucky bag its opener opened
 * ({@code sponsored}: whose money it was; the rule is then null, the order is the bag and the item its pool).
 */
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
        Instant recordedAt,
        Sponsored sponsored)
        implements EventData {

    /** Whose money a lucky bag's donation was: the sponsor of the pool, the campaign it ran in. */
    public record Sponsored(String sponsorId, String poolId, String campaignId) {}

    /** A purchase's donation. */
    public DonationRecorded(
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
            Instant recordedAt) {
        this(
                donationId,
                orderId,
                itemId,
                buyerId,
                sellerId,
                projectId,
                province,
                paidFen,
                amountFen,
                rule,
                completedAt,
                recordedAt,
                null);
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
