package org.gongyi.donation.domain;

import org.gongyi.donation.domain.Benefits.Purchase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BenefitsTest {

    @Test
    void aPayoutOfTwoAndAHalfPremiumsBuysTwoAndCarriesTheRest() {
        assertEquals(new Purchase(2, 12_800, 3_200), Benefits.buy(16_000, 0, 6_400, 10));
    }

    @Test
    void whatWasCarriedBuysWithTheNextPayout() {
        Purchase first = Benefits.buy(16_000, 0, 6_400, 10);
        assertEquals(new Purchase(1, 6_400, 0), Benefits.buy(3_200, first.carriedFen(), 6_400, 8));
    }

    @Test
    void neverMoreThanThoseWaitingNorThanTheMoney() {
        assertEquals(new Purchase(3, 19_200, 44_800), Benefits.buy(64_000, 0, 6_400, 3));
        assertEquals(new Purchase(0, 0, 6_399), Benefits.buy(6_399, 0, 6_400, 3));
        assertEquals(new Purchase(1, 6_400, 0), Benefits.buy(6_400, 0, 6_400, 3));
        assertEquals(new Purchase(0, 0, 6_400), Benefits.buy(6_400, 0, 6_400, 0));
        assertEquals(new Purchase(0, 0, 0), Benefits.buy(0, 0, 6_400, 3));
    }

    @Test
    void whatTheMoneyAffordsWhoeverWaits() {
        assertEquals(2, Benefits.affordable(16_000, 0, 6_400));
        assertEquals(3, Benefits.affordable(16_000, 3_200, 6_400));
        assertEquals(0, Benefits.affordable(16_000, -10_000, 6_400));
        assertEquals(Integer.MAX_VALUE, Benefits.affordable(Long.MAX_VALUE / 2, 0, 1));
    }

    @Test
    void aShortfallIsCarriedAndMadeUpBeforeTheNextPayoutBuys() {
        // more reversed than donated in a period: nothing bought, the shortfall carried
        assertEquals(new Purchase(0, 0, -1_000), Benefits.buy(-1_000, 0, 6_400, 3));
        assertEquals(new Purchase(0, 0, -4_200), Benefits.buy(-1_000, -3_200, 6_400, 3));
        assertEquals(new Purchase(1, 6_400, 0), Benefits.buy(7_400, -1_000, 6_400, 3));
        assertEquals(new Purchase(0, 0, 5_400), Benefits.buy(6_400, -1_000, 6_400, 3));
    }

    @Test
    void aBenefitCostsSomethingAndNobodyWaitsANegativeNumber() {
        assertThrows(IllegalArgumentException.class, () -> Benefits.buy(1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Benefits.buy(1, 0, 1, -1));
    }

    @Test
    void aDonorsShareIsInProportionRoundedDown() {
        // 1,178,000 households from ¥75 million; a donor of ¥64 is behind about one of them
        assertEquals(new BigDecimal("1.00"), Benefits.shareOf(1_178_000, 6_400, 7_539_200_000L));
        assertEquals(new BigDecimal("0.66"), Benefits.shareOf(2, 100, 300));
        assertEquals(new BigDecimal("2.00"), Benefits.shareOf(2, 300, 300));
        assertEquals(new BigDecimal("0.00"), Benefits.shareOf(5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Benefits.shareOf(1, 301, 300));
    }
}
