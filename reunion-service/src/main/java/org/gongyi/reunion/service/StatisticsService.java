package org.gongyi.reunion.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.time.HistoryWindow;
import org.gongyi.reunion.persistence.CaseStatistics;
import org.gongyi.reunion.persistence.MissingCase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * Published, found and false-reported cases of missing children, by the time they were published (Asia/Shanghai
 * calendar), as the real system reports them: the recovery rate is found ÷ published (2017: 2,297 of 2,378, 96.6 %);
 * the median time to found runs from loss to closure. Elders' cases (published from escalations) are counted apart.
 */
@ApplicationScoped
public class StatisticsService {

    private final CaseStatistics statistics;

    public StatisticsService(CaseStatistics statistics) {
        this.statistics = statistics;
    }

    public enum Period {
        MONTH,
        YEAR
    }

    public record Figures(
            String period,
            long published,
            long found,
            long falseReports,
            long open,
            BigDecimal recoveryRatePercent,
            BigDecimal medianHoursToFound) {}

    /** {@code total} and {@code periods}: children's cases; {@code elders}: elders' cases in the same range. */
    public record Statistics(Instant from, Instant to, Figures total, List<Figures> periods, Figures elders) {}

    /** Children's alerts published and found per bucket of {@code window}. */
    public record AlertHistory(HistoryWindow.Bucket by, Instant from, Instant to, List<CaseStatistics.Bucket> points) {}

    public Uni<AlertHistory> history(HistoryWindow window) {
        return statistics
                .history(window, MissingCase.Subject.CHILD)
                .map(points -> new AlertHistory(window.by(), window.from(), window.to(), points));
    }

    public Uni<Statistics> statistics(Instant from, Instant to, Period by) {
        MissingCase.Subject child = MissingCase.Subject.CHILD;
        return statistics
                .inRange(from, to, child)
                .chain(total -> (by == Period.YEAR
                                ? statistics.byYear(from, to, child)
                                : statistics.byMonth(from, to, child))
                        .chain(periods -> statistics
                                .inRange(from, to, MissingCase.Subject.ELDER)
                                .map(elders -> new Statistics(
                                        from,
                                        to,
                                        figures(total),
                                        periods.stream()
                                                .map(StatisticsService::figures)
                                                .toList(),
                                        figures(elders)))));
    }

    private static Figures figures(CaseStatistics.Counts c) {
        BigDecimal rate = c.published() == 0
                ? null
                : BigDecimal.valueOf(c.found() * 100L)
                        .divide(BigDecimal.valueOf(c.published()), 1, RoundingMode.HALF_UP);
        BigDecimal median = c.medianSecondsToFound() == null
                ? null
                : BigDecimal.valueOf(c.medianSecondsToFound())
                        .divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
        return new Figures(c.period(), c.published(), c.found(), c.falseReports(), c.open(), rate, median);
    }
}
