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
import org.gongyi.reunion.service.StatisticsService;
import org.gongyi.reunion.service.StatisticsService.Period;
import org.gongyi.reunion.service.StatisticsService.Statistics;

import java.time.LocalDate;
import java.time.ZoneId;

@Path("/statistics")
@Tag(name = "Statistics (public)")
public class StatisticsResource {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private final StatisticsService statistics;

    public StatisticsResource(StatisticsService statistics) {
        this.statistics = statistics;
    }

    @GET
    @PermitAll
    @Operation(summary = "Missing children's cases published from..to (dates, Asia/Shanghai; to exclusive), found, "
            + "false reports, open, recovery rate (found ÷ published) and median hours to found: in total and per MONTH "
            + "or YEAR; elders' cases (published from escalations) apart, in total")
    public Uni<Statistics> get(@QueryParam("from") @DefaultValue("2016-01-01") String fromParam,
                               @QueryParam("to") String toParam,
                               @QueryParam("by") @DefaultValue("MONTH") String byParam) {
        LocalDate from = Params.date("from", fromParam);
        LocalDate to = Params.date("to", toParam);
        Period by = Params.enumValue(Period.class, "by", byParam);
        LocalDate end = to == null ? LocalDate.now(CHINA).plusDays(1) : to;
        if (!end.isAfter(from)) {
            throw ProblemException.badRequest("to must be after from");
        }
        return statistics.statistics(from.atStartOfDay(CHINA).toInstant(), end.atStartOfDay(CHINA).toInstant(), by);
    }
}
