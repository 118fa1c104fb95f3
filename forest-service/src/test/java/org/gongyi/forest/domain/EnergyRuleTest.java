package org.gongyi.forest.domain;

import org.gongyi.forest.domain.EnergyDecision.Status;
import org.gongyi.forest.domain.EnergyRule.Usage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnergyRuleTest {

    private static final EnergyRuleTable DEFAULTS = EnergyRuleTable.defaults();

    @Test
    void walkingIsLinearInStepsAndCreditsOnlyTheDifferenceUpToTheDailyCap() {
        EnergyRule walking = DEFAULTS.rule(ActionType.WALKING);
        assertEquals(EnergyDecision.credit(100, 0, null), walking.decide(5_000, null, Usage.NONE));
        assertEquals(EnergyDecision.credit(1, 0, null), walking.decide(50, null, Usage.NONE));
        assertEquals(Status.REJECTED, walking.decide(49, null, Usage.NONE).status(), "49 steps earn 0 g");
        // re-sent later in the day with 9,000 steps: 180 g earned, 100 g already credited
        assertEquals(EnergyDecision.credit(80, 0, null), walking.decide(9_000, null, new Usage(0, 100)));
        // 20,000 steps would be 400 g: capped at 296 g
        EnergyDecision capped = walking.decide(20_000, null, new Usage(0, 180));
        assertEquals(116, capped.grams());
        assertEquals("walking capped at 296 g a day", capped.reason());
        assertEquals(
                Status.CAPPED, walking.decide(30_000, null, new Usage(0, 296)).status());
        // a lower count sent late (out of order) earns nothing and says why
        EnergyDecision lower = walking.decide(3_000, null, new Usage(0, 100));
        assertEquals(Status.REJECTED, lower.status());
        assertTrue(lower.reason().contains("already credited"), lower.reason());
        assertEquals(296, walking.decide(14_800, null, Usage.NONE).grams());
        assertEquals(296, walking.decide(1_000_000, null, Usage.NONE).grams());
    }

    @Test
    void countCapsCreditUpToTheCapAndRecordTheRest() {
        EnergyRule metro = DEFAULTS.rule(ActionType.METRO_RIDE);
        assertEquals(EnergyDecision.credit(52, 1, null), metro.decide(1, null, new Usage(4, 208)));
        assertEquals(Status.CAPPED, metro.decide(1, null, new Usage(5, 260)).status());
        assertEquals(
                "cap of 5 a day already reached",
                metro.decide(1, null, new Usage(5, 260)).reason());
        EnergyDecision partly = metro.decide(3, null, new Usage(3, 156));
        assertEquals(EnergyDecision.credit(104, 2, "1 of 3 over the cap of 5 a day"), partly);
        assertEquals(
                "cap of 10 a month already reached",
                DEFAULTS.rule(ActionType.CINEMA_TICKET)
                        .decide(1, null, new Usage(10, 1800))
                        .reason());
    }

    @Test
    void paymentsAndBillsNeedAtLeastOneYuan() {
        EnergyRule payment = DEFAULTS.rule(ActionType.OFFLINE_PAYMENT);
        assertEquals(EnergyDecision.credit(5, 1, null), payment.decide(1, 100L, Usage.NONE));
        EnergyDecision small = payment.decide(1, 99L, Usage.NONE);
        assertEquals(Status.REJECTED, small.status());
        assertEquals("paid ¥0.99, below the minimum of ¥1.00", small.reason());
        assertEquals(
                "paid no amount, below the minimum of ¥1.00",
                payment.decide(1, null, Usage.NONE).reason());
        assertEquals(
                262,
                DEFAULTS.rule(ActionType.UTILITY_BILL)
                        .decide(1, 12_345L, Usage.NONE)
                        .grams());
        // no minimum for tickets
        assertEquals(
                136,
                DEFAULTS.rule(ActionType.TRAIN_TICKET)
                        .decide(1, null, Usage.NONE)
                        .grams());
    }

    @Test
    void theDefaultsAreThePublishedFigures() {
        long[] grams = {200, 5, 262, 180, 136, 277, 52, 80, 23, 5};
        for (ActionType t : ActionType.values()) {
            assertEquals(grams[t.ordinal()], DEFAULTS.rule(t).grams(), t.name());
        }
        assertEquals(296, DEFAULTS.rule(ActionType.WALKING).capGrams());
        assertEquals(1, DEFAULTS.rule(ActionType.UTILITY_BILL).householdMonthlyCap());
        assertEquals(
                CapPeriod.MONTH, DEFAULTS.rule(ActionType.HOSPITAL_APPOINTMENT).capPeriod());
        assertEquals(5, DEFAULTS.rule(ActionType.HOSPITAL_APPOINTMENT).capCount());
        assertNull(DEFAULTS.rule(ActionType.METRO_RIDE).minAmountFen());
    }

    @Test
    void aTableNeedsExactlyOneValidRulePerActionType() {
        List<EnergyRule> rules = new ArrayList<>(DEFAULTS.rules());
        rules.remove(0);
        assertThrows(IllegalArgumentException.class, () -> new EnergyRuleTable(rules));
        rules.add(DEFAULTS.rule(ActionType.WALKING));
        rules.add(DEFAULTS.rule(ActionType.WALKING));
        assertThrows(IllegalArgumentException.class, () -> new EnergyRuleTable(rules));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EnergyRule(ActionType.METRO_RIDE, 52, 10_000L, CapPeriod.DAY, 5, null, null, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EnergyRule(ActionType.WALKING, 200, null, CapPeriod.DAY, null, 296L, null, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EnergyRule(ActionType.METRO_RIDE, 0, null, CapPeriod.DAY, 5, null, null, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EnergyRule(ActionType.METRO_RIDE, 52, null, null, 5, null, null, null));
    }

    @Test
    void usageCountsCreditsTogether() {
        Usage used = Usage.NONE.plus(new Usage(1, 52)).plus(new Usage(2, 104));
        assertEquals(new Usage(3, 156), used);
        assertEquals(Usage.NONE, Usage.NONE.plus(Usage.NONE));
    }
}
