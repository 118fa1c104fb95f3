package org.gongyi.donation.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.security.Roles;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.common.time.HistoryWindow;
import org.gongyi.donation.service.ReportService;
import org.gongyi.donation.service.ReportService.CharityBill;
import org.gongyi.donation.service.ReportService.DashboardRow;
import org.gongyi.donation.service.ReportService.History;
import org.gongyi.donation.service.ReportService.Totals;
import org.jboss.resteasy.reactive.Cache;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

@Path("/")
@Tag(name = "Transparency")
public class ReportResource {

    private final ReportService reports;
    private final JsonWebToken caller;
    private final Clock clock;

    public ReportResource(ReportService reports, JsonWebToken caller, Clock clock) {
        this.clock = clock;
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @Path("me/charity-bill")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Your charity bill (公益账单) for a year: donations, amount, projects")
    public Uni<CharityBill> charityBill(@QueryParam("year") @Min(2000) @Max(2200) Integer year) {
        int y = year != null
                ? year
                : LocalDate.ofInstant(clock.instant(), ChinaTime.ZONE).getYear();
        return reports.charityBill(caller.getSubject(), y);
    }

    @GET
    @Path("sellers/me/dashboard")
    @RolesAllowed(Roles.SELLER)
    @Operation(
            summary = "Donations from your items by day and project (days in China Standard Time); "
                    + "from/to are dates (YYYY-MM-DD), at most 366 days, the last 30 days by default")
    public Uni<List<DashboardRow>> dashboard(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate end = date(to, LocalDate.ofInstant(clock.instant(), ChinaTime.ZONE), "to");
        LocalDate start = date(from, end.minusDays(29), "from");
        if (start.isAfter(end) || ChronoUnit.DAYS.between(start, end) > 365) {
            throw ProblemException.badRequest("from must not be after to, and the range is at most 366 days");
        }
        return reports.sellerDashboard(caller.getSubject(), start, end);
    }

    @GET
    @Path("totals")
    @PermitAll
    @Operation(
            summary = "Platform totals: amount donated and reversed, participations, distinct buyers, the buyers' "
                    + "provinces (of China's 34 divisions) and the regions aid went to; lifetime, or of a fiscal year named "
                    + "by the year it ends, as the platform's reports do (fiscalYear=2018: April 2017 to March 2018), or of the "
                    + "days from..to (YYYY-MM-DD, China Standard Time, to inclusive, today by default)")
    public Uni<Totals> totals(
            @QueryParam("fiscalYear") @Min(2000) @Max(2200) Integer fiscalYear,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        if (fiscalYear != null) {
            if (from != null || to != null) {
                throw ProblemException.badRequest("give fiscalYear or from/to, not both");
            }
            LocalDate start = LocalDate.of(fiscalYear - 1, 4, 1);
            return reports.totals(start, start.plusYears(1).minusDays(1));
        }
        if (from == null) {
            if (to != null) {
                throw ProblemException.badRequest("to needs from");
            }
            return reports.totals();
        }
        LocalDate start = date(from, null, "from");
        LocalDate end = date(to, LocalDate.ofInstant(clock.instant(), ChinaTime.ZONE), "to");
        if (start.isAfter(end)) {
            throw ProblemException.badRequest("from must not be after to");
        }
        return reports.totals(start, end);
    }

    @GET
    @Path("totals/history")
    @PermitAll
    @Cache(maxAge = 1)
    @Operation(
            summary = "The platform's history: per MINUTE, HOUR (the default) or DAY (China Standard Time), the "
                    + "amount donated and the donations of deals completed in it, the amount reversed and the reversals made "
                    + "in it; from..to (instants, to exclusive), by default the last 60 minutes, 24 hours or 30 days up to now "
                    + "(the bucket under way included), at most 1,440 buckets",
            description = "The same for everyone, so kept up to a second (Cache-Control: max-age=1).")
    public Uni<History> history(
            @QueryParam("by") String by, @QueryParam("from") String from, @QueryParam("to") String to) {
        return reports.history(HistoryWindow.of(by, from, to, clock.instant()));
    }

    private static LocalDate date(String value, LocalDate fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be a date such as 2026-11-11");
        }
    }
}
