package org.gongyi.volunteer.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CheckInRuleTest {

    static final Instant START = Instant.parse("2026-10-01T01:00:00Z");
    static final Instant END = START.plus(Duration.ofHours(3));
    static final Duration GRACE = Duration.ofMinutes(30);
    static final GeoPoint PLACE = new GeoPoint(30.25, 120.15);
    static final CheckInRule LOCATED = CheckInRule.of(START, END, GRACE, PLACE, 500);
    static final CheckInRule ANYWHERE = CheckInRule.of(START, END, GRACE, null, null);

    @Test
    void checkInIsOpenFromTheGraceBeforeTheStartToTheGraceAfterTheEndBothIncluded() {
        Instant opens = START.minus(GRACE);
        Instant closes = END.plus(GRACE);
        assertEquals(opens, LOCATED.opensAt());
        assertEquals(closes, LOCATED.closesAt());
        for (CheckInRule rule : new CheckInRule[] {LOCATED, ANYWHERE}) {
            assertEquals(
                    Optional.of(new CheckInRule.TooEarly(opens)), rule.refusal(opens.minusSeconds(1), PLACE, true));
            assertEquals(Optional.empty(), rule.refusal(opens, PLACE, true));
            assertEquals(Optional.empty(), rule.refusal(START, PLACE, true));
            assertEquals(Optional.empty(), rule.refusal(closes, PLACE, true));
            assertEquals(
                    Optional.of(new CheckInRule.TooLate(closes)), rule.refusal(closes.plusSeconds(1), PLACE, true));
        }
        assertEquals(
                "Check-in opens at 2026-10-01T00:30:00Z",
                LOCATED.refusal(opens.minusSeconds(1), null, false)
                        .orElseThrow()
                        .reason());
        assertEquals(
                "Check-in closed at 2026-10-01T04:30:00Z",
                LOCATED.refusal(closes.plusSeconds(1), null, false)
                        .orElseThrow()
                        .reason());
    }

    @Test
    void aPositionGivenMustBeWithinTheRadiusTheRadiusIncluded() {
        assertEquals(Optional.empty(), LOCATED.refusal(START, PLACE.north(500), true));
        assertEquals(Optional.empty(), LOCATED.refusal(START, PLACE.north(-500), false));
        assertEquals(Optional.of(new CheckInRule.TooFar(501, 500)), LOCATED.refusal(START, PLACE.north(501), true));
        assertEquals(Optional.of(new CheckInRule.TooFar(501, 500)), LOCATED.refusal(START, PLACE.north(501), false));
        assertEquals(
                "You are 501 m from the activity's place; check-in is within 500 m",
                LOCATED.refusal(START, PLACE.north(501), true).orElseThrow().reason());
        // an activity without a place takes any position, or none
        assertEquals(Optional.empty(), ANYWHERE.refusal(START, PLACE.north(1_000_000), true));
        assertEquals(Optional.empty(), ANYWHERE.refusal(START, null, true));
    }

    @Test
    void theVolunteersOwnCheckInMustGiveAPositionTheOrganisersNeedNot() {
        assertEquals(Optional.of(new CheckInRule.PositionNeeded(500)), LOCATED.refusal(START, null, true));
        assertEquals(Optional.empty(), LOCATED.refusal(START, null, false));
        // too early is said first, whatever the position
        assertEquals(
                Optional.of(new CheckInRule.TooEarly(START.minus(GRACE))),
                LOCATED.refusal(START.minus(Duration.ofHours(1)), null, true));
    }
}
