package org.gongyi.common.time;

import org.gongyi.common.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HistoryWindowTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:17:42.5Z");

    @Test
    void byDefaultTheLastDayByHourUpToTheHourUnderWay() {
        assertEquals(
                new HistoryWindow(
                        HistoryWindow.Bucket.HOUR,
                        Instant.parse("2026-12-04T11:00:00Z"),
                        Instant.parse("2026-12-05T11:00:00Z")),
                HistoryWindow.of(null, null, null, NOW));
        assertEquals(
                new HistoryWindow(
                        HistoryWindow.Bucket.MINUTE,
                        Instant.parse("2026-12-05T09:18:00Z"),
                        Instant.parse("2026-12-05T10:18:00Z")),
                HistoryWindow.of("MINUTE", null, null, NOW));
    }

    @Test
    void daysAreChinaStandardTimeDays() {
        // 10:17 UTC is 18:17 in Shanghai: the day under way ends at 16:00 UTC, and 30 days of them
        assertEquals(
                new HistoryWindow(
                        HistoryWindow.Bucket.DAY,
                        Instant.parse("2026-11-05T16:00:00Z"),
                        Instant.parse("2026-12-05T16:00:00Z")),
                HistoryWindow.of("DAY", null, null, NOW));
        assertEquals(86_400, HistoryWindow.of("DAY", null, null, NOW).stepSeconds());
    }

    @Test
    void fromAndToAreRoundedToWholeBucketsAToOnABoundaryEndingThere() {
        assertEquals(
                new HistoryWindow(
                        HistoryWindow.Bucket.HOUR,
                        Instant.parse("2026-11-11T00:00:00Z"),
                        Instant.parse("2026-11-12T00:00:00Z")),
                HistoryWindow.of("HOUR", "2026-11-11T00:30:00Z", "2026-11-12T00:00:00Z", NOW));
        assertEquals(
                Instant.parse("2026-11-12T01:00:00Z"),
                HistoryWindow.of("HOUR", "2026-11-11T00:30:00Z", "2026-11-12T00:00:01Z", NOW)
                        .to());
    }

    @Test
    void aWindowOfNothingOrOfTooManyBucketsOrBadParametersIsA400() {
        for (String[] bad : new String[][] {
            {"HOUR", "2026-12-05T10:00:00Z", "2026-12-05T10:00:00Z"},
            {"MINUTE", "2026-12-01T00:00:00Z", null},
            {"WEEK", null, null},
            {"HOUR", "yesterday", null}
        }) {
            ProblemException e = assertThrows(
                    ProblemException.class,
                    () -> HistoryWindow.of(bad[0], bad[1], bad[2], NOW),
                    String.join(" ", bad[0], bad[1]));
            assertEquals(400, e.status());
        }
        // exactly the most: 1,440 minutes
        assertEquals(
                Instant.parse("2026-12-04T10:18:00Z"),
                HistoryWindow.of("MINUTE", "2026-12-04T10:18:00Z", null, NOW).from());
    }
}
