package org.gongyi.donation.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A seller's donation rule for one item (Charity Treasure / 公益宝贝). Amounts are integer fen.
 * <ul>
 *   <li>PERCENTAGE of the paid amount of the deal (shipping included), 0.1 %–100 % in steps of 0.01 %,
 *       at least ¥0.02 per deal;</li>
 *   <li>FIXED per deal: ¥0.02, ¥0.10 or ¥1.00.</li>
 * </ul>
 * A donation never exceeds the deal: a deal smaller than the donation donates the whole deal.
 */
public sealed interface DonationRule {

    long MIN_PER_DEAL_FEN = 2;
    int MIN_BASIS_POINTS = 10; // 0.1 %
    int MAX_BASIS_POINTS = 10_000; // 100 %
    int PRESET_BASIS_POINTS = 30; // 0.3 %, "千三公益"
    Set<Long> FIXED_AMOUNTS_FEN = Set.of(2L, 10L, 100L);

    /** The donation for a deal of {@code paidFen}; 0 for a free deal. */
    long donationFor(long paidFen);

    RuleType type();

    @Schema(name = "DonationRuleRuleType")
    enum RuleType {
        PERCENTAGE,
        FIXED
    }

    /** The platform's preset, 0.3 % of the deal ("千三公益"), for a seller who picks it instead of a percent. */
    static Percentage preset() {
        return new Percentage(PRESET_BASIS_POINTS);
    }

    record Percentage(int basisPoints) implements DonationRule {
        public Percentage {
            if (basisPoints < MIN_BASIS_POINTS || basisPoints > MAX_BASIS_POINTS) {
                throw new InvalidRuleException("percent must be between 0.1 and 100");
            }
        }

        /** {@code percent} such as 0.3 (= 0.3 %); at most two decimals. */
        public static Percentage ofPercent(BigDecimal percent) {
            if (percent == null) {
                throw new InvalidRuleException("percent is required for a PERCENTAGE rule");
            }
            BigDecimal bp = percent.movePointRight(2);
            if (bp.stripTrailingZeros().scale() > 0) {
                throw new InvalidRuleException("percent has at most two decimals (0.01 % steps)");
            }
            if (bp.compareTo(BigDecimal.valueOf(MIN_BASIS_POINTS)) < 0
                    || bp.compareTo(BigDecimal.valueOf(MAX_BASIS_POINTS)) > 0) {
                throw new InvalidRuleException("percent must be between 0.1 and 100");
            }
            return new Percentage(bp.intValueExact());
        }

        public BigDecimal percent() {
            return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros();
        }

        @Override
        public long donationFor(long paidFen) {
            requireValidDeal(paidFen);
            if (paidFen == 0) {
                return 0;
            }
            // paid × bp / 10000, rounded half up, without overflow for any long
            long whole = paidFen / 10_000 * basisPoints;
            long rest = (paidFen % 10_000 * basisPoints + 5_000) / 10_000;
            return Math.min(paidFen, Math.max(MIN_PER_DEAL_FEN, whole + rest));
        }

        @Override
        public RuleType type() {
            return RuleType.PERCENTAGE;
        }
    }

    record Fixed(long amountFen) implements DonationRule {
        public Fixed {
            if (!FIXED_AMOUNTS_FEN.contains(amountFen)) {
                throw new InvalidRuleException("fixed amount must be 2, 10 or 100 fen (¥0.02, ¥0.10, ¥1.00)");
            }
        }

        @Override
        public long donationFor(long paidFen) {
            requireValidDeal(paidFen);
            return Math.min(paidFen, amountFen);
        }

        @Override
        public RuleType type() {
            return RuleType.FIXED;
        }
    }

    private static void requireValidDeal(long paidFen) {
        if (paidFen < 0) {
            throw new IllegalArgumentException("paid amount cannot be negative: " + paidFen);
        }
    }
}
