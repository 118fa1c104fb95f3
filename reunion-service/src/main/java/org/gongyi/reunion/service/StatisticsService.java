package org.gongyi.reunion.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Sql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import static org.gongyi.common.persistence.Sql.utc;

/**
 * Published, found and false-reported cases, by the time they were published (Asia/Shanghai calendar). The
 * recovery rate is found ÷ (published − false reports); the median time to found runs from loss to closure.
 */
@ApplicationScoped
public class StatisticsService {

    public enum Period { MONTH, YEAR }

    public record Figures(String period, long published, long found, long falseReports, long open,
                          BigDecimal recoveryRatePercent, BigDecimal medianHoursToFound) {
    }

    public record Statistics(Instant from, Instant to, Figures total, List<Figures> periods) {
    }

    private static final String FIGURES = "count(*), count(*) filter (where closure = 'FOUND'), "
            + "count(*) filter (where closure = 'FALSE_REPORT'), count(*) filter (where status = 'PUBLISHED'), "
            + "percentile_cont(0.5) within group (order by extract(epoch from closed_at - lost_at)) "
            + "filter (where closure = 'FOUND') ";

    @WithSession
    public Uni<Statistics> statistics(Instant from, Instant to, Period by) {
        String unit = by == Period.YEAR ? "year" : "month";
        String format = by == Period.YEAR ? "YYYY" : "YYYY-MM";
        return Sql.rows("select 'total', " + FIGURES + "from missing_case where published_at >= ?1 and published_at < ?2",
                        StatisticsService::figures, utc(from), utc(to))
                .chain(total -> Sql.rows("select to_char(date_trunc('" + unit + "', published_at at time zone "
                                        + "'Asia/Shanghai'), '" + format + "'), " + FIGURES + "from missing_case "
                                        + "where published_at >= ?1 and published_at < ?2 group by 1 order by 1",
                                StatisticsService::figures, utc(from), utc(to))
                        .map(periods -> new Statistics(from, to, total.get(0), periods)));
    }

    private static Figures figures(Object[] r) {
        long published = Sql.number(r[1]);
        long found = Sql.number(r[2]);
        long falseReports = Sql.number(r[3]);
        long real = published - falseReports;
        BigDecimal rate = real == 0 ? null : BigDecimal.valueOf(found * 100L)
                .divide(BigDecimal.valueOf(real), 1, RoundingMode.HALF_UP);
        BigDecimal median = r[5] == null ? null : BigDecimal.valueOf(((Number) r[5]).doubleValue())
                .divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
        return new Figures((String) r[0], published, found, falseReports, Sql.number(r[4]), rate, median);
    }
}
