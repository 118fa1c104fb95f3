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

    public record Totals(long donatedFen, long reversedFen, long netFen, long participations, long buyers,
                         long provincesCovered, List<ProvinceLine> provinces) {
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

    @WithSession
    public Uni<Totals> totals() {
        Uni<List<ProvinceLine>> provinces = Sql.rows(
                "select province, donation_count, donated_fen from platform_province order by donated_fen desc, province",
                r -> new ProvinceLine((String) r[0], Sql.number(r[1]), Sql.number(r[2])));
        return provinces.chain(ps -> Sql.rows("select donated_fen, reversed_fen, donation_count, buyer_count, "
                        + "province_count from platform_totals where id = 1",
                r -> new Totals(Sql.number(r[0]), Sql.number(r[1]), Sql.number(r[0]) - Sql.number(r[1]), Sql.number(r[2]), Sql.number(r[3]),
                        Sql.number(r[4]), ps)).map(l -> l.get(0)));
    }
}
