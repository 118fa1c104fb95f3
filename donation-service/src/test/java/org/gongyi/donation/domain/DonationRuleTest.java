package org.gongyi.donation.domain;

import org.gongyi.donation.domain.DonationRule.Fixed;
import org.gongyi.donation.domain.DonationRule.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DonationRuleTest {

    @ParameterizedTest(name = "{0} % of {1} fen = {2} fen")
    @CsvSource({
        "0.3, 19900, 60", // 59.7 rounds half up
        "0.3, 10000, 30",
        "0.3, 100, 2", // 0.3 fen -> at least ¥0.02
        "0.3, 1, 1", // never more than the deal
        "0.3, 0, 0", // free deal, no donation
        "100, 12345, 12345",
        "0.1, 25000, 25",
        "12.34, 10000, 1234",
        "0.15, 10000, 15",
        "50, 9223372036854775807, 4611686018427387904" // no overflow
    })
    void percentageOfPaidAmount(String percent, long paid, long expected) {
        assertEquals(expected, Percentage.ofPercent(new BigDecimal(percent)).donationFor(paid));
    }

    @ParameterizedTest(name = "fixed {0} fen on a {1} fen deal = {2}")
    @CsvSource({"2, 19900, 2", "10, 19900, 10", "100, 19900, 100", "100, 50, 50", "10, 0, 0", "2, 1, 1"})
    void fixedPerDealCappedAtTheDeal(long fixed, long paid, long expected) {
        assertEquals(expected, new Fixed(fixed).donationFor(paid));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.09", "0", "-1", "100.01", "0.123", "1000"})
    void percentOutsideRangeOrTooPreciseIsRejected(String percent) {
        assertThrows(InvalidRuleException.class, () -> Percentage.ofPercent(new BigDecimal(percent)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 3, 5, 50, 101, -2})
    void onlyTheThreeFixedAmountsExist(long fen) {
        assertThrows(InvalidRuleException.class, () -> new Fixed(fen));
    }

    @Test
    void thePresetDonatesThreePerMilleAndAtLeastTwoFen() {
        assertEquals(new Percentage(30), DonationRule.preset());
        assertEquals(new BigDecimal("0.3"), DonationRule.preset().percent());
        assertEquals(60, DonationRule.preset().donationFor(19_900)); // ¥199 → ¥0.60 (59.7 rounded)
        assertEquals(2, DonationRule.preset().donationFor(500)); // ¥5 → the ¥0.02 minimum
        assertEquals(1, DonationRule.preset().donationFor(1));
    }

    @Test
    void negativeDealIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> new Fixed(2).donationFor(-1));
    }
}
