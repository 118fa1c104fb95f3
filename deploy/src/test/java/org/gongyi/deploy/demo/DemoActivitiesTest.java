package org.gongyi.deploy.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The demo's activities start after the run (sign-ups close at the start) and, for a run of up to 24 minutes, no
 * later than 25 minutes on, so that their check-in (from 30 minutes before the start) is open all the run.
 */
class DemoActivitiesTest {

    static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");

    @Test
    void activitiesStartAfterTheRunWithTheirCheckInOpenDuringIt() {
        assertEquals(NOW.plus(Duration.ofMinutes(25)), Demo.activitiesStart(NOW, Duration.ofSeconds(20)));
        assertEquals(NOW.plus(Duration.ofMinutes(25)), Demo.activitiesStart(NOW, Duration.ofSeconds(120)));
        assertEquals(NOW.plus(Duration.ofMinutes(25)), Demo.activitiesStart(NOW, Duration.ofMinutes(24)));
        assertEquals(
                NOW.plus(Duration.ofMinutes(25)).plusSeconds(1),
                Demo.activitiesStart(NOW, Duration.ofMinutes(24).plusSeconds(1)));
        assertEquals(NOW.plus(Duration.ofMinutes(61)), Demo.activitiesStart(NOW, Duration.ofHours(1)));
    }
}
