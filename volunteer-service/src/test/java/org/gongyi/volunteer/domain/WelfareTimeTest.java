package org.gongyi.volunteer.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WelfareTimeTest {

    @Test
    void serviceEarnsOneTenthPerFullSixMinutes() {
        assertEquals(0, WelfareTime.forService(Duration.ofSeconds(359)));
        assertEquals(1, WelfareTime.forService(Duration.ofMinutes(6)));
        assertEquals(1, WelfareTime.forService(Duration.ofSeconds(719)));
        assertEquals(2, WelfareTime.forService(Duration.ofMinutes(12)));
        assertEquals(30, WelfareTime.forService(Duration.ofHours(3)));
        assertEquals(15, WelfareTime.forService(Duration.ofMinutes(95)));
        assertThrows(IllegalArgumentException.class, () -> WelfareTime.forService(Duration.ofMinutes(-1)));
    }

    @Test
    void yearsAreShanghaiYearsAndOnlyDonationsAreCapped() {
        assertEquals(2026, WelfareTime.year(Instant.parse("2026-12-31T15:59:59Z")));
        assertEquals(2027, WelfareTime.year(Instant.parse("2026-12-31T16:00:00Z")));
        assertEquals(5, WelfareTime.yearlyCap(WelfareTime.Source.DONATION));
        assertNull(WelfareTime.yearlyCap(WelfareTime.Source.OFFLINE_SERVICE));
        assertEquals("2.5", WelfareTime.hours(25));
        assertEquals("0.1", WelfareTime.hours(1));
    }
}
