package org.gongyi.reunion.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RadiusScheduleTest {

    private static final Instant LOST = Instant.parse("2026-06-01T06:20:00Z");
    private static final Duration MICRO = Duration.ofNanos(1_000);

    private static int at(Duration since) {
        return RadiusSchedule.radiusKm(LOST, LOST.plus(since));
    }

    @Test
    void theRadiusWidensAfterEachFullHourAndEachBoundaryBelongsToTheNarrowerStep() {
        assertEquals(100, at(Duration.ZERO));
        assertEquals(100, at(Duration.ofMinutes(59)));
        assertEquals(100, at(Duration.ofHours(1)));
        assertEquals(200, at(Duration.ofHours(1).plus(MICRO)));
        assertEquals(200, at(Duration.ofHours(2)));
        assertEquals(300, at(Duration.ofHours(2).plus(MICRO)));
        assertEquals(300, at(Duration.ofHours(3)));
        assertEquals(500, at(Duration.ofHours(3).plus(MICRO)));
        assertEquals(500, at(Duration.ofHours(5)));
        assertEquals(500, at(Duration.ofDays(30)));
        // a loss time slightly in the future (clock skew) is the first step
        assertEquals(100, at(Duration.ofMinutes(-3)));
    }

    @Test
    void theNextWideningIsTheFirstInstantOfTheNextStep() {
        assertEquals(Optional.of(LOST.plus(Duration.ofHours(1)).plus(MICRO)), RadiusSchedule.nextWidening(LOST, LOST));
        assertEquals(
                Optional.of(LOST.plus(Duration.ofHours(1)).plus(MICRO)),
                RadiusSchedule.nextWidening(LOST, LOST.plus(Duration.ofHours(1))));
        assertEquals(
                Optional.of(LOST.plus(Duration.ofHours(2)).plus(MICRO)),
                RadiusSchedule.nextWidening(LOST, LOST.plus(Duration.ofHours(1)).plus(MICRO)));
        assertEquals(
                Optional.of(LOST.plus(Duration.ofHours(3)).plus(MICRO)),
                RadiusSchedule.nextWidening(LOST, LOST.plus(Duration.ofMinutes(150))));
        assertEquals(
                Optional.empty(),
                RadiusSchedule.nextWidening(LOST, LOST.plus(Duration.ofHours(3)).plus(MICRO)));
        assertEquals(Optional.empty(), RadiusSchedule.nextWidening(LOST, LOST.plus(Duration.ofHours(5))));
    }

    @Test
    void deviceLocationsAreCoarsenedToAboutOneKilometre() {
        assertEquals(34.12, Geo.coarse(34.123456));
        assertEquals(-113.63, Geo.coarse(-113.625001));
        assertEquals(111.2, Geo.distanceMetres(0, 0, 1, 0) / 1000, 0.1);
    }
}
