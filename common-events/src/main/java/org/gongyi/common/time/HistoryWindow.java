package org.gongyi.common.time;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.http.Params;
import org.gongyi.common.http.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A stretch of the platform's history in equal buckets, as the services' {@code …/history} reads answer it (the live
 * report's charts): minutes and hours as clocks tick, days as Asia/Shanghai days. {@code from} is a bucket's start,
 * {@code to} the end of the last bucket (exclusive); at most {@value #MAX_POINTS} buckets.
 */
public record HistoryWindow(Bucket by, Instant from, Instant to) {
    public static final int MAX_POINTS = 1_440;

    /** A bucket's length and the stretch asked for by default (up to now). */
    @Schema(name = "HistoryWindowBucket")
    public enum Bucket {
        MINUTE(Duration.ofMinutes(1), Duration.ofHours(1)),
        HOUR(Duration.ofHours(1), Duration.ofHours(24)),
        DAY(Duration.ofDays(1), Duration.ofDays(30));

        private final Duration step;
        private final Duration byDefault;

        Bucket(Duration step, Duration byDefault) {
            this.step = step;
            this.byDefault = byDefault;
        }

        public Duration step() {
            return step;
        }

        /** The start of the bucket holding {@code t}. */
        public Instant start(Instant t) {
            return switch (this) {
                case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
                case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
                case DAY ->
                    t.atZone(ChinaTime.ZONE).truncatedTo(ChronoUnit.DAYS).toInstant();
            };
        }
    }

    /**
     * The window query parameters ask for ({@code by} MINUTE, HOUR or DAY, HOUR by default; {@code from} and {@code
     * to} instants): up to {@code to} (now by default, its bucket included), from {@code from} (the bucket's default
     * stretch before by default). A 400 problem when they make no window or too long a one.
     */
    public static HistoryWindow of(String by, String from, String to, Instant now) {
        Bucket bucket = Params.enumValue(Bucket.class, "by", by);
        Bucket b = bucket == null ? Bucket.HOUR : bucket;
        Instant until = Params.instant("to", to);
        Instant end = until != null && b.start(until).equals(until)
                ? until
                : b.start(until == null ? now : until).plus(b.step);
        Instant since = Params.instant("from", from);
        Instant start = b.start(since == null ? end.minus(b.byDefault) : since);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("from must be before to");
        }
        if (Duration.between(start, end).dividedBy(b.step) > MAX_POINTS) {
            throw ProblemException.badRequest("at most " + MAX_POINTS + " buckets: " + b + " from " + start + " to "
                    + end + " is " + Duration.between(start, end).dividedBy(b.step));
        }
        return new HistoryWindow(b, start, end);
    }

    /** A bucket's length in seconds, for SQL ({@code $n * interval '1 second'}). */
    public long stepSeconds() {
        return by.step.toSeconds();
    }
}
