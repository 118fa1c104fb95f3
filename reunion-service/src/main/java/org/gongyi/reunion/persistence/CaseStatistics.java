package org.gongyi.reunion.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.common.time.HistoryWindow;

import java.time.Instant;
import java.util.List;

/** Counts of cases published in a range, in all and by Asia/Shanghai month or year; the alerts' history. */
@ApplicationScoped
public class CaseStatistics {

    /** {@code medianSecondsToFound}: from loss to closure, of the cases found; null when none was. */
    public record Counts(
            String period, long published, long found, long falseReports, long open, Double medianSecondsToFound) {
        static Counts from(Row row) {
            return new Counts(
                    row.getString("period"),
                    row.getLong("published"),
                    row.getLong("found"),
                    row.getLong("false_reports"),
                    row.getLong("open"),
                    row.getDouble("median_seconds_to_found"));
        }
    }

    private static final String COUNTS = """
            count(*) as published,
            count(*) filter (where closure = 'FOUND') as found,
            count(*) filter (where closure = 'FALSE_REPORT') as false_reports,
            count(*) filter (where status = 'PUBLISHED') as open,
            percentile_cont(0.5) within group (order by extract(epoch from closed_at - lost_at))
                filter (where closure = 'FOUND') as median_seconds_to_found
            from missing_case
            where subject = $3 and published_at >= $1 and published_at < $2
            """;
    private static final String IN_RANGE = "select 'total' as period, " + COUNTS;
    private static final String BY_MONTH = """
            select to_char(date_trunc('month', published_at at time zone '%s'), 'YYYY-MM') as period,
            """.formatted(ChinaTime.NAME) + COUNTS + " group by 1 order by 1";
    private static final String BY_YEAR = """
            select to_char(date_trunc('year', published_at at time zone '%s'), 'YYYY') as period,
            """.formatted(ChinaTime.NAME) + COUNTS + " group by 1 order by 1";

    /** Children's alerts published and found (closed as found) in a bucket. */
    public record Bucket(Instant at, long published, long found) {
        static Bucket from(Row row) {
            return new Bucket(Db.instant(row, "at"), row.getLong("published"), row.getLong("found"));
        }
    }

    /**
     * Each bucket from $1 to $2 (exclusive) of $3 seconds: the cases of subject $4 published in it, and those found
     * (closed as found) in it; empty buckets as zeros. Cases are few (thousands a year): the table is its own history.
     */
    private static final String HISTORY = """
            with w as (select cast($1 as timestamptz) as since, cast($2 as timestamptz) as until,
                              cast($3 as bigint) as seconds, cast($4 as varchar) as subject),
            published as (
                select w.since + floor(extract(epoch from c.published_at - w.since) / w.seconds) * w.seconds
                           * interval '1 second' as at, count(*) as n
                from missing_case c, w
                where c.subject = w.subject and c.published_at >= w.since and c.published_at < w.until group by 1),
            found as (
                select w.since + floor(extract(epoch from c.closed_at - w.since) / w.seconds) * w.seconds
                           * interval '1 second' as at, count(*) as n
                from missing_case c, w
                where c.subject = w.subject and c.closure = 'FOUND' and c.closed_at >= w.since and c.closed_at < w.until
                group by 1)
            select b.at, coalesce(p.n, 0) as published, coalesce(f.n, 0) as found
            from w, generate_series(w.since, w.until - w.seconds * interval '1 second', w.seconds * interval '1 second')
                 as b(at)
            left join published p on p.at = b.at
            left join found f on f.at = b.at
            order by b.at""";

    private final Db db;

    public CaseStatistics(Db db) {
        this.db = db;
    }

    /** The counts of the subject's cases published in [from, to). */
    public Uni<Counts> inRange(Instant from, Instant to, MissingCase.Subject subject) {
        return db.first(IN_RANGE, Counts::from, from, to, subject);
    }

    public Uni<List<Counts>> byMonth(Instant from, Instant to, MissingCase.Subject subject) {
        return db.list(BY_MONTH, Counts::from, from, to, subject);
    }

    public Uni<List<Bucket>> history(HistoryWindow window, MissingCase.Subject subject) {
        return db.list(HISTORY, Bucket::from, window.from(), window.to(), window.stepSeconds(), subject);
    }

    public Uni<List<Counts>> byYear(Instant from, Instant to, MissingCase.Subject subject) {
        return db.list(BY_YEAR, Counts::from, from, to, subject);
    }
}
