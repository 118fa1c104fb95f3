package org.gongyi.donation.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a closed payout buys: whole benefits at the programme's unit, for those waiting in enrolment order, as far as
 * the payout and what the previous periods carried go. Never more than the money; what is left is carried to the
 * next period. A period with more reversed than donated has a negative payout: the shortfall is carried too, and the
 * next payouts make it up before they buy.
 */
public final class Benefits {

    private Benefits() {}

    /** {@code bought} benefits for {@code spentFen}; {@code carriedFen} waits for the next period. */
    public record Purchase(int bought, long spentFen, long carriedFen) {}

    /**
     * Buys with {@code payoutFen} and the {@code carriedFen} of earlier periods (either negative for a shortfall) at
     * {@code unitFen} each, for at most {@code waiting} enrolled people (the first {@code bought} of them in enrolment
     * order).
     */
    public static Purchase buy(long payoutFen, long carriedFen, long unitFen, int waiting) {
        if (unitFen < 1) {
            throw new IllegalArgumentException("a benefit costs at least 1 fen");
        }
        if (waiting < 0) {
            throw new IllegalArgumentException("waiting is not negative");
        }
        long available = Math.addExact(payoutFen, carriedFen);
        int bought = available <= 0 ? 0 : (int) Math.min(waiting, available / unitFen);
        long spent = bought * unitFen;
        return new Purchase(bought, spent, available - spent);
    }

    /** The most benefits the money buys, whoever waits: {@link #buy} for everyone who might. */
    public static int affordable(long payoutFen, long carriedFen, long unitFen) {
        return buy(payoutFen, carriedFen, unitFen, Integer.MAX_VALUE).bought();
    }

    /**
     * A donor's share of what a project's benefits became, in proportion to what the donor gave of all it received:
     * {@code benefits × donatedFen ÷ projectDonatedFen}, to two decimals rounded down (a bill never claims more than
     * was bought).
     */
    public static BigDecimal shareOf(long benefits, long donatedFen, long projectDonatedFen) {
        if (benefits < 0 || donatedFen < 0 || donatedFen > projectDonatedFen) {
            throw new IllegalArgumentException("a share is of non-negative amounts, the donor's within the project's");
        }
        if (projectDonatedFen == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return BigDecimal.valueOf(benefits)
                .multiply(BigDecimal.valueOf(donatedFen))
                .divide(BigDecimal.valueOf(projectDonatedFen), 2, RoundingMode.DOWN);
    }
}
