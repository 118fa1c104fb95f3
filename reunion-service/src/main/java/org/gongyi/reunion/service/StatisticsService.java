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
 * the median time to found runs from loss to closure. Elders' cases (published from escalations) are counted apart,
 * never mixed with the children's.
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

    /**
     * {@code total} and {@code periods}: children's cases; {@code elders} and {@code elderPeriods}: elders' cases in
     * the same range, never mixed with the children's.
     */
    public record Statistics(
            Instant from,
            Instant to,
            Figures total,
            List<Figures> periods,
            Figures elders,
            List<Figures> elderPeriods) {}

    /** The subject's alerts published and found per bucket of {@code window}. */
    public record AlertHistory(
            MissingCase.Subject subject,
            HistoryWindow.Bucket by,
            Instant from,
            Instant to,
            List<CaseStatistics.Bucket> points) {}

    public Uni<AlertHistory> history(HistoryWindow window, MissingCase.Subject subject) {
        return statistics
                .history(window, subject)
                .map(points -> new AlertHistory(subject, window.by(), window.from(), window.to(), points));
    }

    public Uni<Statistics> statistics(Instant from, Instant to, Period by) {
        return counts(from, to, by, MissingCase.Subject.CHILD)
                .chain(children -> counts(from, to, by, MissingCase.Subject.ELDER)
                        .map(elders -> new Statistics(
                                from, to, children.total(), children.periods(), elders.total(), elders.periods())));
    }

    private record SubjectFigures(Figures total, List<Figures> periods) {}

    private Uni<SubjectFigures> counts(Instant from, Instant to, Period by, MissingCase.Subject subject) {
        return statistics
                .inRange(from, to, subject)
                .chain(total -> (by == Period.YEAR
                                ? statistics.byYear(from, to, subject)
                                : statistics.byMonth(from, to, subject))
                        .map(periods -> new SubjectFigures(
                                figures(total),
                                periods.stream().map(StatisticsService::figures).toList())));
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
