package org.gongyi.donation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.donation.persistence.CharityProject;
import org.gongyi.donation.persistence.Donation;
import org.gongyi.common.persistence.Sql;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The transparency reads: a buyer's yearly charity bill, a seller's dashboard, the platform totals. */
@ApplicationScoped
public class ReportService {

    /** Days and years are counted in China Standard Time, as buyers see them. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public record ProjectLine(UUID projectId, String name, long donationCount, long donatedFen, long reversedFen,
                              long netFen) {
    }

    public record CharityBill(String buyerId, int year, long donationCount, long donatedFen, long reversedFen,
                              long netFen, int projectCount, List<ProjectLine> projects) {
    }

    public record DashboardRow(String day, UUID projectId, long donationCount, long donatedFen, long reversedFen) {
    }

    public record ProvinceLine(String province, long donationCount, long donatedFen) {
    }

    /**
     * The platform's figures, lifetime ({@code from} and {@code to} null) or of a period of China Standard Time days
     * ({@code to} inclusive): donations of deals completed in it, reversals made in it. Provinces are the buyers' (of the
     * 34 divisions); aid regions are where the projects that received donations send their aid.
     */
    public record Totals(LocalDate from, LocalDate to, long donatedFen, long reversedFen, long netFen,
                         long participations, long buyers, long provincesCovered, List<ProvinceLine> provinces,
                         List<String> aidRegions) {
    }

    private static final String LIFETIME_TOTALS = """
            select donated_fen, reversed_fen, donation_count, buyer_count, province_count
            from platform_totals where id = 1""";
    private static final String LIFETIME_PROVINCES = """
            select province, donation_count, donated_fen from platform_province order by donated_fen desc, province""";
    private static final String LIFETIME_AID_REGIONS = """
            select distinct unnest(regions) from charity_project where donation_count > 0 order by 1""";
    private static final String PERIOD_TOTALS = """
            select coalesce(sum(amount_fen), 0),
                   (select coalesce(sum(amount_fen), 0) from donation_reversal where reversed_at >= ?1 and reversed_at < ?2),
                   count(*), count(distinct buyer_id), count(distinct province)
            from donation where completed_at >= ?1 and completed_at < ?2""";
    private static final String PERIOD_PROVINCES = """
            select province, count(*), sum(amount_fen) from donation
            where completed_at >= ?1 and completed_at < ?2 and province is not null
            group by province order by 3 desc, 1""";
    private static final String PERIOD_AID_REGIONS = """
            select distinct unnest(p.regions) from charity_project p
            where exists (select 1 from donation d where d.project_id = p.id and d.completed_at >= ?1 and d.completed_at < ?2)
            order by 1""";

    private record Figures(long donatedFen, long reversedFen, long participations, long buyers, long provinces) {
        static Figures of(Object[] r) {
            return new Figures(Sql.number(r[0]), Sql.number(r[1]), Sql.number(r[2]), Sql.number(r[3]), Sql.number(r[4]));
        }
    }

    @WithSession
    public Uni<CharityBill> charityBill(String buyerId, int year) {
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(ZONE).toInstant();
        Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZONE).toInstant();
        return Donation.<Donation>list("buyerId = ?1 and completedAt >= ?2 and completedAt < ?3", buyerId, from, to)
                .chain(donations -> {
                    List<UUID> ids = donations.stream().map(d -> d.projectId).distinct().toList();
                    Uni<List<CharityProject>> projects = ids.isEmpty() ? Uni.createFrom().item(List.of())
                            : CharityProject.list("id in ?1", ids);
                    return projects.map(ps -> bill(buyerId, year, donations,
                            ps.stream().collect(Collectors.toMap(p -> p.id, p -> p.name))));
                });
    }

    private static CharityBill bill(String buyerId, int year, List<Donation> donations, Map<UUID, String> names) {
        Map<UUID, List<Donation>> byProject = donations.stream()
                .collect(Collectors.groupingBy(d -> d.projectId, LinkedHashMap::new, Collectors.toList()));
        List<ProjectLine> lines = byProject.entrySet().stream().map(e -> {
            long donated = e.getValue().stream().mapToLong(d -> d.amountFen).sum();
            long reversed = e.getValue().stream().mapToLong(d -> d.reversedFen).sum();
            return new ProjectLine(e.getKey(), names.get(e.getKey()), e.getValue().size(), donated, reversed,
                    donated - reversed);
        }).sorted((a, b) -> Long.compare(b.netFen(), a.netFen())).toList();
        long donated = lines.stream().mapToLong(ProjectLine::donatedFen).sum();
        long reversed = lines.stream().mapToLong(ProjectLine::reversedFen).sum();
        return new CharityBill(buyerId, year, donations.size(), donated, reversed, donated - reversed, lines.size(),
                lines);
    }

    @WithSession
    public Uni<List<DashboardRow>> sellerDashboard(String sellerId, LocalDate from, LocalDate toInclusive) {
        String sql = """
                select to_char(completed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'), cast(project_id as text),
                       count(*), sum(amount_fen), sum(reversed_fen)
                from donation where seller_id = ?1 and completed_at >= ?2 and completed_at < ?3
                group by 1, 2 order by 1, 2""";
        return Sql.rows(sql, r -> new DashboardRow((String) r[0], UUID.fromString((String) r[1]), Sql.number(r[2]),
                        Sql.number(r[3]), Sql.number(r[4])),
                sellerId, from.atStartOfDay(ZONE).toInstant(), toInclusive.plusDays(1).atStartOfDay(ZONE).toInstant());
    }

    /** Lifetime, from the counters the ledger keeps. */
    @WithSession
    public Uni<Totals> totals() {
        return Sql.rows(LIFETIME_TOTALS, Figures::of).map(l -> l.get(0))
                .chain(f -> Sql.rows(LIFETIME_PROVINCES, ReportService::provinceLine)
                        .chain(ps -> Sql.strings(LIFETIME_AID_REGIONS).map(regions -> totals(null, null, f, ps, regions))));
    }

    /** Of the days {@code from} to {@code toInclusive} (China Standard Time), from the ledger's rows. */
    @WithSession
    public Uni<Totals> totals(LocalDate from, LocalDate toInclusive) {
        Instant start = from.atStartOfDay(ZONE).toInstant();
        Instant end = toInclusive.plusDays(1).atStartOfDay(ZONE).toInstant();
        return Sql.rows(PERIOD_TOTALS, Figures::of, Sql.utc(start), Sql.utc(end)).map(l -> l.get(0))
                .chain(f -> Sql.rows(PERIOD_PROVINCES, ReportService::provinceLine, Sql.utc(start), Sql.utc(end))
                        .chain(ps -> Sql.strings(PERIOD_AID_REGIONS, Sql.utc(start), Sql.utc(end))
                                .map(regions -> totals(from, toInclusive, f, ps, regions))));
    }

    private static Totals totals(LocalDate from, LocalDate to, Figures f, List<ProvinceLine> provinces,
                                 List<String> aidRegions) {
        return new Totals(from, to, f.donatedFen(), f.reversedFen(), f.donatedFen() - f.reversedFen(),
                f.participations(), f.buyers(), f.provinces(), provinces, aidRegions);
    }

    private static ProvinceLine provinceLine(Object[] r) {
        return new ProvinceLine((String) r[0], Sql.number(r[1]), Sql.number(r[2]));
    }
}
