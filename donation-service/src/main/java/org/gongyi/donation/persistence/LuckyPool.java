package org.gongyi.donation.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;
import org.gongyi.donation.domain.LuckyBags;

import java.time.Instant;
import java.util.UUID;

/**
 * A sponsor's pool of lucky bags in a campaign: its terms, the SHA-256 of its secret ({@code commitment}, published
 * when funded), the secret itself (published once the pool closes), and what was opened so far.
 */
public record LuckyPool(
        UUID id,
        UUID campaignId,
        String sponsorId,
        String name,
        LuckyBags.Pool pool,
        LuckyBags.Odds odds,
        Instant opensAt,
        Instant closesAt,
        String commitment,
        byte[] secret,
        Instant fundedAt,
        long openedCount,
        long openedFen) {

    static final String COLUMNS = """
            id, campaign_id, sponsor_id, name, total_fen, bag_count, min_fen, max_fen, chance_ppm, per_person_daily,
            opens_at, closes_at, commitment, secret, funded_at""";

    /** The columns and what was opened of the pool's bags (its bags counted: read for pages, not on the opening path). */
    static final String WITH_FIGURES = """
            %s,
            (select count(*) from lucky_bag b where b.pool_id = p.id and b.opened_by is not null) as opened_count,
            (select coalesce(sum(b.amount_fen), 0) from lucky_bag b where b.pool_id = p.id and b.opened_by is not null)
                as opened_fen""".formatted(COLUMNS);

    static LuckyPool from(Row row) {
        return new LuckyPool(
                row.getUUID("id"),
                row.getUUID("campaign_id"),
                row.getString("sponsor_id"),
                row.getString("name"),
                new LuckyBags.Pool(
                        row.getLong("total_fen"),
                        row.getInteger("bag_count"),
                        row.getLong("min_fen"),
                        row.getLong("max_fen")),
                new LuckyBags.Odds(row.getInteger("chance_ppm"), row.getInteger("per_person_daily")),
                Db.instant(row, "opens_at"),
                Db.instant(row, "closes_at"),
                row.getString("commitment"),
                row.getBuffer("secret").getBytes(),
                Db.instant(row, "funded_at"),
                row.getColumnIndex("opened_count") < 0 ? 0 : row.getLong("opened_count"),
                row.getColumnIndex("opened_fen") < 0 ? 0 : row.getLong("opened_fen"));
    }

    /** Whether the pool takes openings at {@code at}. */
    public boolean openAt(Instant at) {
        return !at.isBefore(opensAt) && at.isBefore(closesAt);
    }
}
