package org.gongyi.donation.domain;

import java.math.BigInteger;

/**
 * How much of a donation a refund reverses: in proportion to the refunded share of the deal. The reversed total
 * after each refund is {@code round(donation × refunded / paid)} (half up) minus what earlier refunds reversed, so
 * partial refunds never reverse more than the donation and a full refund reverses exactly all of it.
 */
public final class Refunds {
    private Refunds() {}

    /**
     * @param donationFen     the donation
     * @param paidFen         the deal's paid amount
     * @param refundedBefore  refunded on this deal by earlier refunds
     * @param refundedNow     refunded by this refund (capped at what is left of the deal)
     * @return the amount this refund reverses
     */
    public static long reversalFor(long donationFen, long paidFen, long refundedBefore, long refundedNow) {
        if (donationFen < 0 || paidFen <= 0 || refundedBefore < 0 || refundedNow < 0 || refundedBefore > paidFen) {
            throw new IllegalArgumentException("invalid refund: donation " + donationFen + ", paid " + paidFen
                    + ", refunded before " + refundedBefore + ", now " + refundedNow);
        }
        long after = Math.min(paidFen, refundedBefore + Math.min(refundedNow, paidFen));
        return share(donationFen, after, paidFen) - share(donationFen, refundedBefore, paidFen);
    }

    /** The part of the deal a refund can still cover. */
    public static long refundable(long paidFen, long refundedBefore, Long requestedFen) {
        long left = paidFen - refundedBefore;
        return requestedFen == null ? left : Math.min(left, requestedFen);
    }

    /** round(amount × part / whole), half up, without overflow. */
    static long share(long amount, long part, long whole) {
        if (part == whole) {
            return amount;
        }
        return BigInteger.valueOf(amount)
                .multiply(BigInteger.valueOf(part))
                .multiply(BigInteger.TWO)
                .add(BigInteger.valueOf(whole))
                .divide(BigInteger.valueOf(whole).multiply(BigInteger.TWO))
                .longValueExact();
    }
}
