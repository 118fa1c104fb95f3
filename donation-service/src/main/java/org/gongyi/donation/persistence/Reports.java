package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.common.time.HistoryWindow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The transparency reads: from the counters the ledger keeps (lifetime), or from its rows (a period). */
@ApplicationScoped
public class Reports {

    /** The platform's figures: amounts donated and reversed, participations, distinct buyers and provinces. */
    public record Figures(long donatedFen, long reversedFen, long participations, long buyers, long provinces) {
        static Figures from(Row r) {
            return new Figures(
                    r.getLong("donated_fen"),
                    r.getLong("reversed_fen"),
                    r.getLong("donation_count"),
                    r.getLong("buyer_count"),
                    r.getLong("province_count"));
        }
    }

    public record ProvinceFigures(String province, long donationCount, long donatedFen) {
        static ProvinceFigures from(Row r) {
            return new ProvinceFigures(r.getString("province"), r.getLong("donation_count"), r.getLong("donated_fen"));
        }
    }

    /** One bucket of the platform's history: deals completed in it, reversals made in it. */
    public record HistoryPoint(Instant at, long donatedFen, long donationCount, long reversedFen, long reversalCount) {
        static HistoryPoint from(Row r) {
            return new HistoryPoint(
                    Db.instant(r, "at"),
                    r.getLong("donated_fen"),
                    r.getLong("donation_count"),
                    r.getLong("reversed_fen"),
                    r.getLong("reversal_count"));
        }
    }

    /** A seller's donations of one day (China Standard Time) to one project. */
    public record SellerDay(String day, UUID projectId, long donationCount, long donatedFen, long reversedFen) {}

    private static final String LIFETIME_TOTALS = """
            select donated_fen, reversed_fen, donation_count, buyer_count, province_count
            from platform_totals where id = 1""";
    private static final String LIFETIME_PROVINCES = """
            select province, donation_count, donated_fen from platform_province order by donated_fen desc, province""";
    private static final String LIFETIME_AID_REGIONS = """
            select distinct unnest(regions) as region from charity_project where donation_count > 0 order by 1""";
    private static final String PERIOD_TOTALS = """
            select coalesce(sum(amount_fen), 0) as donated_fen,
                   (select coalesce(sum(amount_fen), 0) from donation_reversal
                    where reversed_at >= $1 and reversed_at < $2) as reversed_fen,
                   count(*) as donation_count, count(distinct buyer_id) as buyer_count,
                   count(distinct province) as province_count
            from donation where completed_at >= $1 and completed_at < $2""";
    private static final String PERIOD_PROVINCES = """
            select province, count(*) as donation_count, sum(amount_fen) as donated_fen from donation
            where completed_at >= $1 and completed_at < $2 and province is not null
            group by province order by 3 desc, 1""";
    private static final String PERIOD_AID_REGIONS = """
            select distinct unnest(p.regions) as region from charity_project p
            where exists (select 1 from donation d where d.project_id = p.id and d.completed_at >= $1 and d.completed_at < $2)
            order by 1""";
    private static final String SELLER_DAYS = """
            select to_char(completed_at at time zone '%s', 'YYYY-MM-DD') as day, project_id,
                   count(*) as donation_count, sum(amount_fen) as donated_fen, sum(reversed_fen) as reversed_fen
            from donation where seller_id = $1 and completed_at >= $2 and completed_at < $3
            group by 1, 2 order by 1, 2""".formatted(ChinaTime.NAME);

    /** The minutes of each bucket from $1 to $2 (exclusive) in buckets of $3 seconds, empty buckets as zeros. */
    private static final String HISTORY = """
            select b.at, coalesce(sum(m.donated_fen), 0) as donated_fen,
                   coalesce(sum(m.donation_count), 0) as donation_count, coalesce(sum(m.reversed_fen), 0) as reversed_fen,
                   coalesce(sum(m.reversal_count), 0) as reversal_count
            from generate_series(cast($1 as timestamptz), cast($2 as timestamptz) - $3 * interval '1 second',
                                 $3 * interval '1 second') as b(at)
            left join donation_minute m on m.minute >= b.at and m.minute < b.at + $3 * interval '1 second'
            group by b.at order by b.at""";

    private final Db db;

    public Reports(Db db) {
        this.db = db;
    }

    public Uni<List<HistoryPoint>> history(HistoryWindow window) {
        return db.list(HISTORY, HistoryPoint::from, window.from(), window.to(), window.stepSeconds());
    }

    public Uni<Figures> lifetimeTotals() {
        return db.first(LIFETIME_TOTALS, Figures::from);
    }

    public Uni<List<ProvinceFigures>> lifetimeProvinces() {
        return db.list(LIFETIME_PROVINCES, ProvinceFigures::from);
    }

    public Uni<List<String>> lifetimeAidRegions() {
        return db.list(LIFETIME_AID_REGIONS, r -> r.getString("region"));
    }

    /** Donations of deals completed in [from, to), reversals made in it. */
    public Uni<Figures> periodTotals(Instant from, Instant to) {
        return db.first(PERIOD_TOTALS, Figures::from, from, to);
    }

    public Uni<List<ProvinceFigures>> periodProvinces(Instant from, Instant to) {
        return db.list(PERIOD_PROVINCES, ProvinceFigures::from, from, to);
    }

    public Uni<List<String>> periodAidRegions(Instant from, Instant to) {
        return db.list(PERIOD_AID_REGIONS, r -> r.getString("region"), from, to);
    }

    /** A seller's donations of deals completed in [from, to), by day and project. */
    public Uni<List<SellerDay>> sellerDays(String sellerId, Instant from, Instant to) {
        return db.list(
                SELLER_DAYS,
                r -> new SellerDay(
                        r.getString("day"),
                        r.getUUID("project_id"),
                        r.getLong("donation_count"),
                        r.getLong("donated_fen"),
                        r.getLong("reversed_fen")),
                sellerId,
                from,
                to);
    }
}
