package org.gongyi.reunion.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Sql;
import org.gongyi.reunion.persistence.MissingCase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import static org.gongyi.common.persistence.Sql.utc;

/**
 * Published, found and false-reported cases of missing children, by the time they were published (Asia/Shanghai
 * calendar), as the real system reports them: the recovery rate is found ÷ published (2017: 2,297 of 2,378, 96.6 %);
 * the median time to found runs from loss to closure. Elders' cases (published from escalations) are counted apart.
 */
@ApplicationScoped
public class StatisticsService {

    public enum Period { MONTH, YEAR }

    public record Figures(String period, long published, long found, long falseReports, long open,
                          BigDecimal recoveryRatePercent, BigDecimal medianHoursToFound) {
    }

    /** {@code total} and {@code periods}: children's cases; {@code elders}: elders' cases in the same range. */
    public record Statistics(Instant from, Instant to, Figures total, List<Figures> periods, Figures elders) {
    }

    private static final String FIGURES = """
            count(*), count(*) filter (where closure = 'FOUND'), count(*) filter (where closure = 'FALSE_REPORT'),
            count(*) filter (where status = 'PUBLISHED'),
            percentile_cont(0.5) within group (order by extract(epoch from closed_at - lost_at))
                filter (where closure = 'FOUND')
            """;
    private static final String IN_RANGE = " from missing_case where subject = ?3 and published_at >= ?1 and published_at < ?2";

    @WithSession
    public Uni<Statistics> statistics(Instant from, Instant to, Period by) {
        String unit = by == Period.YEAR ? "year" : "month";
        String format = by == Period.YEAR ? "YYYY" : "YYYY-MM";
        String child = MissingCase.Subject.CHILD.name();
        return Sql.rows("select 'total', " + FIGURES + IN_RANGE, StatisticsService::figures, utc(from), utc(to), child)
                .chain(total -> Sql.rows("select to_char(date_trunc('" + unit + "', published_at at time zone "
                                        + "'Asia/Shanghai'), '" + format + "'), " + FIGURES + IN_RANGE
                                        + " group by 1 order by 1",
                                StatisticsService::figures, utc(from), utc(to), child)
                        .chain(periods -> Sql.rows("select 'elders', " + FIGURES + IN_RANGE, StatisticsService::figures,
                                        utc(from), utc(to), MissingCase.Subject.ELDER.name())
                                .map(elders -> new Statistics(from, to, total.get(0), periods, elders.get(0)))));
    }

    private static Figures figures(Object[] r) {
        long published = Sql.number(r[1]);
        long found = Sql.number(r[2]);
        BigDecimal rate = published == 0 ? null : BigDecimal.valueOf(found * 100L)
                .divide(BigDecimal.valueOf(published), 1, RoundingMode.HALF_UP);
        BigDecimal median = r[5] == null ? null : BigDecimal.valueOf(((Number) r[5]).doubleValue())
                .divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
        return new Figures((String) r[0], published, found, Sql.number(r[3]), Sql.number(r[4]), rate, median);
    }
}
