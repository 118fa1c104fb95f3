package org.gongyi.forest.domain;

import org.gongyi.common.time.ChinaTime;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;

/** Days, months and ball times as users in China see them: Asia/Shanghai. */
public final class ForestCalendar {
    public static final LocalTime RIPENS_AT = LocalTime.of(7, 0);
    public static final Duration LIFETIME = Duration.ofHours(72);

    private ForestCalendar() {}

    public static LocalDate day(Instant at) {
        // as at.atZone(ChinaTime.ZONE).toLocalDate(), without the date-time in between (called several times an action)
        int offset = ChinaTime.ZONE.getRules().getOffset(at).getTotalSeconds();
        return LocalDate.ofEpochDay(Math.floorDiv(at.getEpochSecond() + offset, SECONDS_PER_DAY));
    }

    private static final long SECONDS_PER_DAY = 86_400;

    /** The Monday of the week {@code at} falls in (weeks run Monday to Sunday). */
    public static LocalDate weekStart(Instant at) {
        return day(at).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The first day of the month {@code at} falls in. */
    public static LocalDate month(Instant at) {
        return day(at).withDayOfMonth(1);
    }

    public static LocalDate periodStart(CapPeriod period, Instant at) {
        return period == CapPeriod.DAY ? day(at) : month(at);
    }

    /** A ball for an action appears at 07:00 the next morning. */
    public static Instant ripensAt(Instant actionAt) {
        return day(actionAt)
                .plusDays(1)
                .atTime(RIPENS_AT)
                .atZone(ChinaTime.ZONE)
                .toInstant();
    }

    /** … and is gone 72 hours after it appeared. */
    public static Instant expiresAt(Instant ripensAt) {
        return ripensAt.plus(LIFETIME);
    }
}
