package org.gongyi.reunion.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;

/** Counts of cases published in a range, in all and by Asia/Shanghai month or year. */
@ApplicationScoped
public class CaseStatistics {

    /** {@code medianSecondsToFound}: from loss to closure, of the cases found; null when none was. */
    public record Counts(String period, long published, long found, long falseReports, long open,
                         Double medianSecondsToFound) {
        static Counts from(Row row) {
            return new Counts(row.getString("period"), row.getLong("published"), row.getLong("found"),
                    row.getLong("false_reports"), row.getLong("open"), row.getDouble("median_seconds_to_found"));
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
            select to_char(date_trunc('month', published_at at time zone 'Asia/Shanghai'), 'YYYY-MM') as period,
            """ + COUNTS + " group by 1 order by 1";
    private static final String BY_YEAR = """
            select to_char(date_trunc('year', published_at at time zone 'Asia/Shanghai'), 'YYYY') as period,
            """ + COUNTS + " group by 1 order by 1";

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

    public Uni<List<Counts>> byYear(Instant from, Instant to, MissingCase.Subject subject) {
        return db.list(BY_YEAR, Counts::from, from, to, subject);
    }
}
