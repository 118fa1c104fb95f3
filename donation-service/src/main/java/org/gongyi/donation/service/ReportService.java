package org.gongyi.donation.service;

import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.common.time.HistoryWindow;
import org.gongyi.donation.domain.Benefits;
import org.gongyi.donation.domain.Programme;
import org.gongyi.donation.persistence.CharityProgramme;
import org.gongyi.donation.persistence.CharityProject;
import org.gongyi.donation.persistence.Donation;
import org.gongyi.donation.persistence.Donations;
import org.gongyi.donation.persistence.Programmes;
import org.gongyi.donation.persistence.Projects;
import org.gongyi.donation.persistence.Reports;
import org.gongyi.donation.persistence.Reports.Figures;
import org.gongyi.donation.persistence.Reports.HistoryPoint;
import org.gongyi.donation.persistence.Reports.ProvinceFigures;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The transparency reads: a buyer's yearly charity bill, a seller's dashboard, the platform totals. */
@ApplicationScoped
public class ReportService {

    /**
     * A bill's project line; {@code benefits}: what the project's payouts became, when it runs a programme (else null).
     */
    public record ProjectLine(
            UUID projectId,
            String name,
            long donationCount,
            long donatedFen,
            long reversedFen,
            long netFen,
            long sponsoredCount,
            long sponsoredFen,
            BenefitShare benefits) {}

    /**
     * What a project's payouts bought so far ({@code benefitCount}: covers or grants; {@code helpedCount}: households
     * covered or mothers helped), and the buyer's share of the benefits: in proportion to the buyer's net donations on
     * the bill against the project's net donations, rounded down ({@link Benefits#shareOf}).
     */
    public record BenefitShare(
            UUID programmeId,
            String programme,
            Programme.Kind kind,
            long benefitCount,
            long helpedCount,
            BigDecimal yourShare) {}

    public record CharityBill(
            String buyerId,
            int year,
            long donationCount,
            long donatedFen,
            long reversedFen,
            long netFen,
            long sponsoredFen,
            int projectCount,
            List<ProjectLine> projects) {}

    public record DashboardRow(String day, UUID projectId, long donationCount, long donatedFen, long reversedFen) {}

    public record ProvinceLine(String province, long donationCount, long donatedFen) {}

    /**
     * The platform's figures, lifetime ({@code from} and {@code to} null) or of a period of China Standard Time days
     * ({@code to} inclusive): donations of deals completed in it, reversals made in it. Provinces are the buyers' (of the
     * 34 divisions); aid regions are where the projects that received donations send their aid.
     */
    public record Totals(
            LocalDate from,
            LocalDate to,
            long donatedFen,
            long reversedFen,
            long netFen,
            long participations,
            long buyers,
            long provincesCovered,
            List<ProvinceLine> provinces,
            List<String> aidRegions) {}

    /** The platform's history in buckets: what the live report's charts draw. */
    public record History(HistoryWindow.Bucket by, Instant from, Instant to, List<HistoryPoint> points) {}

    public static final String HISTORY_CACHE = "platform-history";

    private final Reports reports;
    private final Donations donations;
    private final Projects projects;
    private final Programmes programmes;

    public ReportService(Reports reports, Donations donations, Projects projects, Programmes programmes) {
        this.reports = reports;
        this.programmes = programmes;
        this.donations = donations;
        this.projects = projects;
    }

    public Uni<CharityBill> charityBill(String buyerId, int year) {
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(ChinaTime.ZONE).toInstant();
        Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(ChinaTime.ZONE).toInstant();
        return donations.ofBuyerCompletedBetween(buyerId, from, to).chain(ds -> {
            List<UUID> ids = ds.stream().map(Donation::projectId).distinct().toList();
            return projects.all(ids)
                    .chain(ps -> programmes
                            .ofProjects(ids)
                            .map(progs -> bill(
                                    buyerId,
                                    year,
                                    ds,
                                    ps.stream().collect(Collectors.toMap(CharityProject::id, p -> p)),
                                    progs.stream().collect(Collectors.toMap(CharityProgramme::projectId, p -> p)))));
        });
    }

    private static CharityBill bill(
            String buyerId,
            int year,
            List<Donation> donations,
            Map<UUID, CharityProject> projects,
            Map<UUID, CharityProgramme> programmes) {
        Map<UUID, List<Donation>> byProject = donations.stream()
                .collect(Collectors.groupingBy(Donation::projectId, LinkedHashMap::new, Collectors.toList()));
        List<ProjectLine> lines = byProject.entrySet().stream()
                .map(e -> {
                    long donated =
                            e.getValue().stream().mapToLong(Donation::amountFen).sum();
                    long reversed = e.getValue().stream()
                            .mapToLong(Donation::reversedFen)
                            .sum();
                    List<Donation> sponsored =
                            e.getValue().stream().filter(Donation::sponsored).toList();
                    CharityProject project = projects.get(e.getKey());
                    return new ProjectLine(
                            e.getKey(),
                            project.name(),
                            e.getValue().size(),
                            donated,
                            reversed,
                            donated - reversed,
                            sponsored.size(),
                            sponsored.stream().mapToLong(Donation::amountFen).sum(),
                            share(programmes.get(e.getKey()), donated - reversed, project));
                })
                .sorted((a, b) -> Long.compare(b.netFen(), a.netFen()))
                .toList();
        long donated = lines.stream().mapToLong(ProjectLine::donatedFen).sum();
        long reversed = lines.stream().mapToLong(ProjectLine::reversedFen).sum();
        long sponsored = lines.stream().mapToLong(ProjectLine::sponsoredFen).sum();
        return new CharityBill(
                buyerId, year, donations.size(), donated, reversed, donated - reversed, sponsored, lines.size(), lines);
    }

    private static BenefitShare share(CharityProgramme programme, long buyerNetFen, CharityProject project) {
        if (programme == null) {
            return null;
        }
        long projectNet = Math.max(0, project.donatedFen() - project.reversedFen());
        return new BenefitShare(
                programme.id(),
                programme.name(),
                programme.kind(),
                programme.benefitCount(),
                programme.helpedCount(),
                Benefits.shareOf(programme.benefitCount(), Math.clamp(buyerNetFen, 0, projectNet), projectNet));
    }

    public Uni<List<DashboardRow>> sellerDashboard(String sellerId, LocalDate from, LocalDate toInclusive) {
        return reports.sellerDays(
                        sellerId,
                        from.atStartOfDay(ChinaTime.ZONE).toInstant(),
                        toInclusive.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant())
                .map(days -> days.stream()
                        .map(d -> new DashboardRow(
                                d.day(), d.projectId(), d.donationCount(), d.donatedFen(), d.reversedFen()))
                        .toList());
    }

    /** Lifetime, from the counters the ledger keeps. */
    /**
     * The platform's history over {@code window}, the same for everyone: kept in the cache for a second (the API
     * says so), so a crowd watching the report costs one read a second per window and instance.
     */
    @CacheResult(cacheName = HISTORY_CACHE)
    public Uni<History> history(HistoryWindow window) {
        return reports.history(window).map(points -> new History(window.by(), window.from(), window.to(), points));
    }

    public Uni<Totals> totals() {
        return reports.lifetimeTotals()
                .chain(f -> reports.lifetimeProvinces()
                        .chain(ps -> reports.lifetimeAidRegions().map(regions -> totals(null, null, f, ps, regions))));
    }

    /** Of the days {@code from} to {@code toInclusive} (China Standard Time), from the ledger's rows. */
    public Uni<Totals> totals(LocalDate from, LocalDate toInclusive) {
        Instant start = from.atStartOfDay(ChinaTime.ZONE).toInstant();
        Instant end = toInclusive.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant();
        return reports.periodTotals(start, end)
                .chain(f -> reports.periodProvinces(start, end)
                        .chain(ps -> reports.periodAidRegions(start, end)
                                .map(regions -> totals(from, toInclusive, f, ps, regions))));
    }

    private static Totals totals(
            LocalDate from, LocalDate to, Figures f, List<ProvinceFigures> provinces, List<String> aidRegions) {
        return new Totals(
                from,
                to,
                f.donatedFen(),
                f.reversedFen(),
                f.donatedFen() - f.reversedFen(),
                f.participations(),
                f.buyers(),
                f.provinces(),
                provinces.stream()
                        .map(p -> new ProvinceLine(p.province(), p.donationCount(), p.donatedFen()))
                        .toList(),
                aidRegions);
    }
}
