package org.gongyi.forest.domain;

import org.gongyi.common.time.ChinaTime;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ForestCalendarTest {

    @Test
    void daysAndMonthsAreShanghaiDays() {
        // 23:59 and 00:01 in Shanghai (UTC+8)
        assertEquals(LocalDate.parse("2026-03-10"), ForestCalendar.day(Instant.parse("2026-03-10T15:59:00Z")));
        assertEquals(LocalDate.parse("2026-03-11"), ForestCalendar.day(Instant.parse("2026-03-10T16:01:00Z")));
        assertEquals(LocalDate.parse("2026-03-01"), ForestCalendar.month(Instant.parse("2026-03-31T15:59:00Z")));
        assertEquals(LocalDate.parse("2026-04-01"), ForestCalendar.month(Instant.parse("2026-03-31T16:01:00Z")));
    }

    @Test
    void weeksRunMondayToSundayInShanghai() {
        // Monday 30 November 2026 starts at 16:00 UTC the day before
        assertEquals(LocalDate.of(2026, 11, 23), ForestCalendar.weekStart(Instant.parse("2026-11-29T15:59:59Z")));
        assertEquals(LocalDate.of(2026, 11, 30), ForestCalendar.weekStart(Instant.parse("2026-11-29T16:00:00Z")));
        assertEquals(LocalDate.of(2026, 11, 30), ForestCalendar.weekStart(Instant.parse("2026-12-06T15:59:59Z")));
        assertEquals(LocalDate.of(2026, 12, 7), ForestCalendar.weekStart(Instant.parse("2026-12-06T16:00:00Z")));
    }

    @Test
    void aDayIsTheZonedDateOfTheInstant() {
        // every half hour across Shanghai's summer time of 1986-1991, and instants spread from 1900 to 2100
        for (Instant at = Instant.parse("1986-01-01T00:00:00Z");
                at.isBefore(Instant.parse("1992-01-01T00:00:00Z"));
                at = at.plusSeconds(1_800)) {
            assertEquals(at.atZone(ChinaTime.ZONE).toLocalDate(), ForestCalendar.day(at), at.toString());
        }
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            Instant at = Instant.ofEpochSecond(
                    random.nextLong(-2_208_988_800L, 4_102_444_800L), random.nextInt(1_000_000_000));
            assertEquals(at.atZone(ChinaTime.ZONE).toLocalDate(), ForestCalendar.day(at), at.toString());
        }
    }

    @Test
    void ballsRipenAtSevenTheNextMorningAndLastThreeDays() {
        // an action at 10:00 Shanghai on 10 March: ripe at 07:00 on 11 March (23:00 UTC on the 10th)
        Instant ripens = ForestCalendar.ripensAt(Instant.parse("2026-03-10T02:00:00Z"));
        assertEquals(Instant.parse("2026-03-10T23:00:00Z"), ripens);
        assertEquals(Instant.parse("2026-03-13T23:00:00Z"), ForestCalendar.expiresAt(ripens));
        // 00:30 in Shanghai is already the next day: ripe the morning after that
        assertEquals(
                Instant.parse("2026-03-11T23:00:00Z"), ForestCalendar.ripensAt(Instant.parse("2026-03-10T16:30:00Z")));
        // 06:59 in Shanghai: still ripe only the next morning, not an hour later
        assertEquals(
                Instant.parse("2026-03-11T23:00:00Z"), ForestCalendar.ripensAt(Instant.parse("2026-03-10T22:59:00Z")));
    }
}
