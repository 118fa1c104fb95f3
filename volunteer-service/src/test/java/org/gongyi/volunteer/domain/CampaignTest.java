package org.gongyi.volunteer.domain;

import org.gongyi.volunteer.domain.Campaign.Action;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CampaignTest {

    static final Instant NOW = Instant.parse("2026-09-01T00:00:00Z");
    // 9.5 Charity Week: 5 September 00:00 to 12 September 00:00, China Standard Time
    static final Instant START = Instant.parse("2026-09-04T16:00:00Z");
    static final Instant END = Instant.parse("2026-09-11T16:00:00Z");

    static Campaign week() {
        return Campaign.define(
                "9.5 Charity Week", START, END, Set.of(Action.DONATION, Action.TREE_PLANTED), 300_000_000, NOW);
    }

    @Test
    void countsFromTheStartInclusiveToTheEndExclusive() {
        Campaign c = week();
        assertFalse(c.counts(Action.DONATION, START.minusNanos(1000)));
        assertTrue(c.counts(Action.DONATION, START));
        assertTrue(c.counts(Action.DONATION, END.minusNanos(1000)));
        assertFalse(c.counts(Action.DONATION, END));
    }

    @Test
    void countsOnlyItsActions() {
        assertTrue(week().counts(Action.TREE_PLANTED, START));
        assertFalse(week().counts(Action.SIGN_UP, START));
        assertEquals(Campaign.Area.FOREST, Action.ENERGY_EARNED.area());
        assertEquals(Campaign.Area.VOLUNTEER, Action.PLEDGE.area());
        assertFalse(week().counts(Action.PLEDGE, START));
    }

    @Test
    void isAnnouncedBeforeItStartsAndLastsAtMostAMonth() {
        Set<Action> any = Set.of(Action.DONATION);
        assertEquals(
                "a campaign is announced at least 10 seconds before it starts",
                assertThrows(
                                InvalidCampaignException.class,
                                () -> Campaign.define("late", NOW.plusSeconds(9), END, any, 1, NOW))
                        .getMessage());
        Campaign.define("on time", NOW.plusSeconds(10), NOW.plusSeconds(120), any, 1, NOW);
        assertThrows(InvalidCampaignException.class, () -> Campaign.define("back", START, START, any, 1, NOW));
        assertThrows(
                InvalidCampaignException.class,
                () -> Campaign.define("long", START, START.plusSeconds(31 * 86_400 + 1), any, 1, NOW));
        Campaign.define("a month", START, START.plusSeconds(31 * 86_400), any, 1, NOW);
        assertThrows(InvalidCampaignException.class, () -> Campaign.define("none", START, END, Set.of(), 1, NOW));
        assertThrows(InvalidCampaignException.class, () -> Campaign.define("no goal", START, END, any, 0, NOW));
    }

    @Test
    void progressIsRoundedDown() {
        assertEquals(new BigDecimal("33.33"), week().progressPercent(100_000_000));
        assertEquals(new BigDecimal("101.00"), week().progressPercent(303_000_000));
        assertEquals(new BigDecimal("0.00"), week().progressPercent(0));
    }
}
