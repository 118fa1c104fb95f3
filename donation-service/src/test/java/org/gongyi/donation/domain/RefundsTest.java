package org.gongyi.donation.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RefundsTest {

    @ParameterizedTest(name = "donation {0} of a {1} deal, {2} refunded before, {3} now: reverse {4}")
    @CsvSource({
        "60, 19900, 0, 19900, 60", // full refund
        "60, 19900, 0, 9950, 30", // half
        "60, 19900, 9950, 9950, 30", // the other half: exactly the rest
        "2, 100, 0, 50, 1", // 1 fen, half up
        "2, 100, 0, 25, 1", // 0.5 rounds up
        "2, 100, 25, 25, 0", // cumulative 1.0 -> 1, nothing more yet
        "2, 100, 50, 50, 1",
        "100, 3, 0, 1, 33",
        "100, 3, 1, 1, 34", // 67 cumulative
        "100, 3, 2, 1, 33", // all 100
        "10, 500, 0, 99999, 10", // refund larger than the deal covers the deal only
        "10, 500, 500, 10, 0" // nothing left to refund
    })
    void reversesInProportion(long donation, long paid, long before, long now, long expected) {
        assertEquals(expected, Refunds.reversalFor(donation, paid, before, now));
    }

    @Test
    void manySmallRefundsNeverReverseMoreThanTheDonation() {
        long donation = 7;
        long paid = 1003;
        long reversed = 0;
        long refunded = 0;
        for (int i = 0; i < 1003; i++) {
            reversed += Refunds.reversalFor(donation, paid, refunded, 1);
            refunded += 1;
        }
        assertEquals(donation, reversed);
    }

    @Test
    void refundableIsWhatIsLeftOfTheDeal() {
        assertEquals(100, Refunds.refundable(100, 0, null));
        assertEquals(40, Refunds.refundable(100, 60, null));
        assertEquals(40, Refunds.refundable(100, 60, 70L));
        assertEquals(10, Refunds.refundable(100, 60, 10L));
    }

    @Test
    void nonsenseIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> Refunds.reversalFor(1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Refunds.reversalFor(1, 10, 11, 1));
        assertThrows(IllegalArgumentException.class, () -> Refunds.reversalFor(1, 10, 0, -1));
    }
}
