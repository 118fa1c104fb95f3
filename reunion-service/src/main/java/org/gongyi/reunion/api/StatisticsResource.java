package org.gongyi.reunion.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Params;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.common.time.HistoryWindow;
import org.gongyi.reunion.service.StatisticsService;
import org.gongyi.reunion.service.StatisticsService.AlertHistory;
import org.gongyi.reunion.service.StatisticsService.Period;
import org.gongyi.reunion.service.StatisticsService.Statistics;
import org.jboss.resteasy.reactive.Cache;

import java.time.Clock;
import java.time.LocalDate;

@Path("/statistics")
@Tag(name = "Statistics (public)")
public class StatisticsResource {
    private final StatisticsService statistics;
    private final Clock clock;

    public StatisticsResource(StatisticsService statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    @GET
    @Path("history")
    @PermitAll
    @Cache(maxAge = 1)
    @Operation(
            summary = "Missing children's alerts over time: per MINUTE, HOUR (the default) or DAY (China Standard "
                    + "Time), the alerts published in it and the children found in it; from..to (instants, to exclusive), by "
                    + "default the last 60 minutes, 24 hours or 30 days up to now (the bucket under way included), at most "
                    + "1,440 buckets")
    public Uni<AlertHistory> history(
            @QueryParam("by") String by, @QueryParam("from") String from, @QueryParam("to") String to) {
        return statistics.history(HistoryWindow.of(by, from, to, clock.instant()));
    }

    @GET
    @PermitAll
    @Operation(
            summary = "Missing children's cases published from..to (dates, Asia/Shanghai; to exclusive), found, "
                    + "false reports, open, recovery rate (found ÷ published) and median hours to found: in total and per MONTH "
                    + "or YEAR; elders' cases (published from escalations) apart, in total")
    public Uni<Statistics> get(
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
        return statistics.statistics(
                from.atStartOfDay(ChinaTime.ZONE).toInstant(),
                end.atStartOfDay(ChinaTime.ZONE).toInstant(),
                by);
    }
}
