package org.gongyi.reunion.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Params;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.common.time.HistoryWindow;
import org.gongyi.reunion.persistence.CaseStatistics;
import org.gongyi.reunion.persistence.MissingCase;
import org.gongyi.reunion.service.StatisticsService;
import org.gongyi.reunion.service.StatisticsService.AlertHistory;
import org.gongyi.reunion.service.StatisticsService.Figures;
import org.gongyi.reunion.service.StatisticsService.Period;
import org.gongyi.reunion.service.StatisticsService.Statistics;
import org.jboss.resteasy.reactive.Cache;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@Path("/statistics")
@Tag(name = "Statistics (public)")
public class StatisticsResource {
    private final StatisticsService statistics;
    private final Clock clock;

    public StatisticsResource(StatisticsService statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    public record FiguresView(
            String period,
            long published,
            long found,
            long falseReports,
            long open,
            @Schema(nullable = true) BigDecimal recoveryRatePercent,
            @Schema(nullable = true) BigDecimal medianHoursToFound) {
        static FiguresView of(Figures f) {
            return new FiguresView(
                    f.period(),
                    f.published(),
                    f.found(),
                    f.falseReports(),
                    f.open(),
                    f.recoveryRatePercent(),
                    f.medianHoursToFound());
        }
    }

    /**
     * {@code total} and {@code periods}: children's cases; {@code elders} and {@code elderPeriods}: elders' cases in
     * the same range, apart.
     */
    public record StatisticsView(
            Instant from,
            Instant to,
            FiguresView total,
            List<FiguresView> periods,
            FiguresView elders,
            List<FiguresView> elderPeriods) {
        static StatisticsView of(Statistics s) {
            return new StatisticsView(
                    s.from(),
                    s.to(),
                    FiguresView.of(s.total()),
                    s.periods().stream().map(FiguresView::of).toList(),
                    FiguresView.of(s.elders()),
                    s.elderPeriods().stream().map(FiguresView::of).toList());
        }
    }

    /** Alerts published and found in one bucket. */
    public record BucketView(Instant at, long published, long found) {
        static BucketView of(CaseStatistics.Bucket b) {
            return new BucketView(b.at(), b.published(), b.found());
        }
    }

    /** Children's (or elders') alerts published and found per bucket of the window. */
    public record AlertHistoryView(
            MissingCase.Subject subject, HistoryWindow.Bucket by, Instant from, Instant to, List<BucketView> points) {
        static AlertHistoryView of(AlertHistory h) {
            return new AlertHistoryView(
                    h.subject(),
                    h.by(),
                    h.from(),
                    h.to(),
                    h.points().stream().map(BucketView::of).toList());
        }
    }

    @GET
    @Path("history")
    @PermitAll
    @Cache(maxAge = 1)
    @Operation(
            summary = "Missing children's alerts over time: per MINUTE, HOUR (the default) or DAY (China Standard "
                    + "Time), the alerts published in it and the children found in it; from..to (instants, to exclusive), by "
                    + "default the last 60 minutes, 24 hours or 30 days up to now (the bucket under way included), at most "
                    + "1,440 buckets; subject=ELDER: elders' alerts (published from escalations) instead, never mixed")
    public Uni<AlertHistoryView> history(
            @QueryParam("by") String by,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("subject") @DefaultValue("CHILD") String subject) {
        MissingCase.Subject s = Params.enumValue(MissingCase.Subject.class, "subject", subject);
        return statistics
                .history(HistoryWindow.of(by, from, to, clock.instant()), s)
                .map(AlertHistoryView::of);
    }

    @GET
    @PermitAll
    @Operation(
            summary = "Missing children's cases published from..to (dates, Asia/Shanghai; to exclusive), found, "
                    + "false reports, open, recovery rate (found ÷ published) and median hours to found: in total and per MONTH "
                    + "or YEAR; elders' cases (published from escalations) apart, in total and per period")
    public Uni<StatisticsView> get(
            @QueryParam("from") @DefaultValue("2016-01-01") String fromParam,
            @QueryParam("to") String toParam,
            @QueryParam("by") @DefaultValue("MONTH") String byParam) {
        LocalDate from = Params.date("from", fromParam);
        LocalDate to = Params.date("to", toParam);
        Period by = Params.enumValue(Period.class, "by", byParam);
        LocalDate end = to == null
                ? LocalDate.ofInstant(clock.instant(), ChinaTime.ZONE).plusDays(1)
                : to;
        if (!end.isAfter(from)) {
            throw ProblemException.badRequest("to must be after from");
        }
        return statistics
                .statistics(
                        from.atStartOfDay(ChinaTime.ZONE).toInstant(),
                        end.atStartOfDay(ChinaTime.ZONE).toInstant(),
                        by)
                .map(StatisticsView::of);
    }
}
