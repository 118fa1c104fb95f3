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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.security.Roles;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.common.time.HistoryWindow;
import org.gongyi.donation.domain.Programme;
import org.gongyi.donation.persistence.Reports.HistoryPoint;
import org.gongyi.donation.service.ReportService;
import org.gongyi.donation.service.ReportService.BenefitShare;
import org.gongyi.donation.service.ReportService.CharityBill;
import org.gongyi.donation.service.ReportService.DashboardRow;
import org.gongyi.donation.service.ReportService.History;
import org.gongyi.donation.service.ReportService.ProjectLine;
import org.gongyi.donation.service.ReportService.ProvinceLine;
import org.gongyi.donation.service.ReportService.Totals;
import org.jboss.resteasy.reactive.Cache;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

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

    /**
     * What a project's payouts bought so far and the buyer's share of it, in proportion to the buyer's net donations
     * on the bill against the project's, rounded down.
     */
    public record BenefitShareView(
            UUID programmeId,
            String programme,
            Programme.Kind kind,
            long benefitCount,
            long helpedCount,
            BigDecimal yourShare) {
        static BenefitShareView of(BenefitShare s) {
            return s == null
                    ? null
                    : new BenefitShareView(
                            s.programmeId(), s.programme(), s.kind(), s.benefitCount(), s.helpedCount(), s.yourShare());
        }
    }

    /**
     * A bill's project line; {@code sponsoredCount}, {@code sponsoredFen}: of its donations, those lucky bags made in the
     * buyer's name with a sponsor's money; {@code benefits}: what the project's payouts became, when it runs a programme.
     */
    public record ProjectLineView(
            UUID projectId,
            String name,
            long donationCount,
            long donatedFen,
            long reversedFen,
            long netFen,
            long sponsoredCount,
            long sponsoredFen,
            @Schema(nullable = true) BenefitShareView benefits) {
        static ProjectLineView of(ProjectLine l) {
            return new ProjectLineView(
                    l.projectId(),
                    l.name(),
                    l.donationCount(),
                    l.donatedFen(),
                    l.reversedFen(),
                    l.netFen(),
                    l.sponsoredCount(),
                    l.sponsoredFen(),
                    BenefitShareView.of(l.benefits()));
        }
    }

    public record CharityBillView(
            String buyerId,
            int year,
            long donationCount,
            long donatedFen,
            long reversedFen,
            long netFen,
            long sponsoredFen,
            int projectCount,
            List<ProjectLineView> projects) {
        static CharityBillView of(CharityBill b) {
            return new CharityBillView(
                    b.buyerId(),
                    b.year(),
                    b.donationCount(),
                    b.donatedFen(),
                    b.reversedFen(),
                    b.netFen(),
                    b.sponsoredFen(),
                    b.projectCount(),
                    b.projects().stream().map(ProjectLineView::of).toList());
        }
    }

    public record DashboardRowView(String day, UUID projectId, long donationCount, long donatedFen, long reversedFen) {
        static DashboardRowView of(DashboardRow r) {
            return new DashboardRowView(r.day(), r.projectId(), r.donationCount(), r.donatedFen(), r.reversedFen());
        }
    }

    public record ProvinceLineView(String province, long donationCount, long donatedFen) {
        static ProvinceLineView of(ProvinceLine l) {
            return new ProvinceLineView(l.province(), l.donationCount(), l.donatedFen());
        }
    }

    /**
     * The platform's figures, lifetime ({@code from} and {@code to} null) or of a period of China Standard Time days
     * ({@code to} inclusive). Provinces are the buyers' (of the 34 divisions); aid regions are where the projects that
     * received donations send their aid.
     */
    public record TotalsView(
            @Schema(nullable = true) LocalDate from,
            @Schema(nullable = true) LocalDate to,
            long donatedFen,
            long reversedFen,
            long netFen,
            long participations,
            long buyers,
            long provincesCovered,
            List<ProvinceLineView> provinces,
            List<String> aidRegions) {
        static TotalsView of(Totals t) {
            return new TotalsView(
                    t.from(),
                    t.to(),
                    t.donatedFen(),
                    t.reversedFen(),
                    t.netFen(),
                    t.participations(),
                    t.buyers(),
                    t.provincesCovered(),
                    t.provinces().stream().map(ProvinceLineView::of).toList(),
                    t.aidRegions());
        }
    }

    /** One bucket of the platform's history: deals completed in it, reversals made in it. */
    public record HistoryPointView(
            Instant at, long donatedFen, long donationCount, long reversedFen, long reversalCount) {
        static HistoryPointView of(HistoryPoint p) {
            return new HistoryPointView(p.at(), p.donatedFen(), p.donationCount(), p.reversedFen(), p.reversalCount());
        }
    }

    /** The platform's history in buckets: what the live report's charts draw. */
    public record HistoryView(HistoryWindow.Bucket by, Instant from, Instant to, List<HistoryPointView> points) {
        static HistoryView of(History h) {
            return new HistoryView(
                    h.by(),
                    h.from(),
                    h.to(),
                    h.points().stream().map(HistoryPointView::of).toList());
        }
    }

    @GET
    @Path("me/charity-bill")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Your charity bill (公益账单) for a year: donations, amount, projects")
    public Uni<CharityBillView> charityBill(@QueryParam("year") @Min(2000) @Max(2200) Integer year) {
        int y = year != null
                ? year
                : LocalDate.ofInstant(clock.instant(), ChinaTime.ZONE).getYear();
        return reports.charityBill(caller.getSubject(), y).map(CharityBillView::of);
    }

    @GET
    @Path("sellers/me/dashboard")
    @RolesAllowed(Roles.SELLER)
    @Operation(
            summary = "Donations from your items by day and project (days in China Standard Time); "
                    + "from/to are dates (YYYY-MM-DD), at most 366 days, the last 30 days by default")
    public Uni<List<DashboardRowView>> dashboard(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate end = date(to, LocalDate.ofInstant(clock.instant(), ChinaTime.ZONE), "to");
        LocalDate start = date(from, end.minusDays(29), "from");
        if (start.isAfter(end) || ChronoUnit.DAYS.between(start, end) > 365) {
            throw ProblemException.badRequest("from must not be after to, and the range is at most 366 days");
        }
        return reports.sellerDashboard(caller.getSubject(), start, end)
                .map(l -> l.stream().map(DashboardRowView::of).toList());
    }

    @GET
    @Path("totals")
    @PermitAll
    @Operation(
            summary = "Platform totals: amount donated and reversed, participations, distinct buyers, the buyers' "
                    + "provinces (of China's 34 divisions) and the regions aid went to; lifetime, or of a fiscal year named "
                    + "by the year it ends, as the platform's reports do (fiscalYear=2018: April 2017 to March 2018), or of the "
                    + "days from..to (YYYY-MM-DD, China Standard Time, to inclusive, today by default)")
    public Uni<TotalsView> totals(
            @QueryParam("fiscalYear") @Min(2000) @Max(2200) Integer fiscalYear,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        if (fiscalYear != null) {
            if (from != null || to != null) {
                throw ProblemException.badRequest("give fiscalYear or from/to, not both");
            }
            LocalDate start = LocalDate.of(fiscalYear - 1, 4, 1);
            return reports.totals(start, start.plusYears(1).minusDays(1)).map(TotalsView::of);
        }
        if (from == null) {
            if (to != null) {
                throw ProblemException.badRequest("to needs from");
            }
            return reports.totals().map(TotalsView::of);
        }
        LocalDate start = date(from, null, "from");
        LocalDate end = date(to, LocalDate.ofInstant(clock.instant(), ChinaTime.ZONE), "to");
        if (start.isAfter(end)) {
            throw ProblemException.badRequest("from must not be after to");
        }
        return reports.totals(start, end).map(TotalsView::of);
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
    public Uni<HistoryView> history(
            @QueryParam("by") String by, @QueryParam("from") String from, @QueryParam("to") String to) {
        return reports.history(HistoryWindow.of(by, from, to, clock.instant())).map(HistoryView::of);
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
