package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.persistence.Sql;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.text;
import static org.gongyi.common.persistence.Sql.timestamptz;
import static org.gongyi.common.persistence.Sql.uuid;

/** Lucky bags' pools, bags, chances and draws (9.5 Charity Week). */
@ApplicationScoped
public class LuckyPools {

    /** A chance a campaign's participation gave its person, once per fact and campaign. */
    public record Chance(
            UUID campaignId, UUID participationId, String personId, Instant occurredAt, UUID sourceEventId) {
        static Chance from(io.vertx.mutiny.sqlclient.Row r) {
            return new Chance(
                    r.getUUID("campaign_id"),
                    r.getUUID("participation_id"),
                    r.getString("person_id"),
                    Db.instant(r, "occurred_at"),
                    r.getUUID("source_event_id"));
        }
    }

    /** A bag taken by its opener. */
    public record TakenBag(int bagNo, long amountFen) {}

    /** A chance's draw as recorded, with its inputs and the bag it opened (if any). */
    public record RecordedDraw(
            UUID poolId,
            UUID participationId,
            String personId,
            Instant occurredAt,
            Instant drawnAt,
            String hmac,
            boolean opened,
            Integer bagNo,
            Long amountFen,
            UUID donationId) {
        static RecordedDraw from(io.vertx.mutiny.sqlclient.Row r) {
            return new RecordedDraw(
                    r.getUUID("pool_id"),
                    r.getUUID("participation_id"),
                    r.getString("person_id"),
                    Db.instant(r, "occurred_at"),
                    Db.instant(r, "drawn_at"),
                    r.getString("draw_hmac"),
                    r.getBoolean("opened"),
                    r.getInteger("bag_no"),
                    r.getLong("amount_fen"),
                    r.getUUID("donation_id"));
        }
    }

    /** Rows of bags written by one statement when a pool is funded. */
    private static final int BAGS_A_STATEMENT = 100_000;

    private static final String INSERT_POOL = """
            insert into lucky_pool (id, campaign_id, sponsor_id, name, total_fen, bag_count, min_fen, max_fen, chance_ppm,
                                    per_person_daily, opens_at, closes_at, commitment, secret, funded_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)""";
    /** Bags {@code $2 + 1} onwards of pool {@code $1}, their amounts in order. */
    private static final String INSERT_BAGS = """
            insert into lucky_bag (pool_id, bag_no, amount_fen)
            select $1, $2 + n, amount_fen from unnest(cast($3 as bigint[])) with ordinality as a(amount_fen, n)""";

    private static final String BY_ID = "select %s from lucky_pool p where id = $1".formatted(LuckyPool.WITH_FIGURES);
    private static final String OF_CAMPAIGN = """
            select %s from lucky_pool p where campaign_id = $1 order by funded_at, id""".formatted(LuckyPool.WITH_FIGURES);
    /** The pool a chance is drawn against: the earliest funded of the campaign that is open and has a bag left. */
    private static final String FIRST_OPEN_WITH_BAGS = """
            select %s from lucky_pool p
            where campaign_id = $1 and opens_at <= $2 and closes_at > $2
              and exists (select 1 from lucky_bag b where b.pool_id = p.id and b.opened_by is null)
            order by funded_at, id limit 1""".formatted(LuckyPool.COLUMNS);

    private static final String ANY_POOL = "select exists (select 1 from lucky_pool where campaign_id = $1) as any";

    private static final String NEW_CHANCES = """
            insert into lucky_chance (campaign_id, participation_id, person_id, occurred_at, source_event_id)
            select * from unnest(cast($1 as uuid[]), cast($2 as uuid[]), cast($3 as text[]), cast($4 as timestamptz[]),
                                 cast($5 as uuid[]))
            on conflict do nothing""";
    private static final Sql.Columns<Chance> CHANCE_COLUMNS = Sql.Columns.of(
            uuid(Chance::campaignId),
            uuid(Chance::participationId),
            text(Chance::personId),
            timestamptz(Chance::occurredAt),
            uuid(Chance::sourceEventId));
    /** The person's earliest chance not drawn yet, locked; one another opener holds is skipped. */
    private static final String NEXT_UNDRAWN_CHANCE = """
            select campaign_id, participation_id, person_id, occurred_at, source_event_id from lucky_chance
            where person_id = $1 and campaign_id = $2 and drawn_at is null
            order by occurred_at, participation_id limit 1
            for update skip locked""";

    private static final String UNDRAWN_CHANCES = """
            select count(*) as chances from lucky_chance where person_id = $1 and campaign_id = $2 and drawn_at is null""";
    private static final String DRAWN = """
            update lucky_chance set drawn_at = $3, pool_id = $4, draw_hmac = $5, opened = $6, bag_no = $7
            where campaign_id = $1 and participation_id = $2""";
    private static final String OPENED_ON_DAY = """
            select coalesce((select opened from lucky_opener_day where pool_id = $1 and person_id = $2 and day = $3), 0)
                as opened""";
    /** One more bag for the person that day, unless the pool's daily limit is reached (then no row). */
    private static final String ONE_MORE_ON_DAY = """
            insert into lucky_opener_day as d (pool_id, person_id, day, opened) values ($1, $2, $3, 1)
            on conflict (pool_id, person_id, day) do update set opened = d.opened + 1 where d.opened < $4
            returning opened""";
    /** The pool's lowest unopened bag, to its opener; a bag another opener holds is skipped (none left: no row). */
    private static final String TAKE_BAG = """
            update lucky_bag set opened_by = $2, opened_at = $3, project_id = $4, donation_id = $5
            where (pool_id, bag_no) = (select pool_id, bag_no from lucky_bag
                                       where pool_id = $1 and opened_by is null
                                       order by bag_no limit 1
                                       for update skip locked)
            returning bag_no, amount_fen""";

    private static final String DRAWS_OF_POOL = """
            select c.pool_id, c.participation_id, c.person_id, c.occurred_at, c.drawn_at, c.draw_hmac, c.opened,
                   c.bag_no, b.amount_fen, b.donation_id
            from lucky_chance c left join lucky_bag b on b.pool_id = c.pool_id and b.bag_no = c.bag_no
            where c.pool_id = $1
            order by c.drawn_at, c.participation_id limit $2 offset $3""";
    private static final String DRAWS_OF_PERSON = """
            select c.pool_id, c.participation_id, c.person_id, c.occurred_at, c.drawn_at, c.draw_hmac, c.opened,
                   c.bag_no, b.amount_fen, b.donation_id
            from lucky_chance c left join lucky_bag b on b.pool_id = c.pool_id and b.bag_no = c.bag_no
            where c.person_id = $1 and c.campaign_id = $2 and c.drawn_at is not null
            order by c.drawn_at desc, c.participation_id limit $3 offset $4""";

    private final Db db;

    public LuckyPools(Db db) {
        this.db = db;
    }

    /** Writes the pool and its bags (amounts in bag order, bag 1 first). */
    public Uni<Void> insert(LuckyPool p, long[] amounts) {
        Uni<Integer> pool = db.update(
                INSERT_POOL,
                p.id(),
                p.campaignId(),
                p.sponsorId(),
                p.name(),
                p.pool().totalFen(),
                p.pool().bags(),
                p.pool().minFen(),
                p.pool().maxFen(),
                p.odds().chancePpm(),
                p.odds().perPersonDaily(),
                p.opensAt(),
                p.closesAt(),
                p.commitment(),
                Buffer.buffer(p.secret()),
                p.fundedAt());
        for (int from = 0; from < amounts.length; from += BAGS_A_STATEMENT) {
            int start = from;
            Long[] chunk = Arrays.stream(
                            Arrays.copyOfRange(amounts, from, Math.min(amounts.length, from + BAGS_A_STATEMENT)))
                    .boxed()
                    .toArray(Long[]::new);
            pool = pool.chain(() -> db.update(INSERT_BAGS, p.id(), start, chunk));
        }
        return pool.replaceWithVoid();
    }

    /** The pool, or null. */
    public Uni<LuckyPool> find(UUID id) {
        return db.first(BY_ID, LuckyPool::from, id);
    }

    public Uni<List<LuckyPool>> ofCampaign(UUID campaignId) {
        return db.list(OF_CAMPAIGN, LuckyPool::from, campaignId);
    }

    /** The pool a chance is drawn against at {@code at}, or null. */
    public Uni<LuckyPool> firstOpenWithBags(UUID campaignId, Instant at) {
        return db.first(FIRST_OPEN_WITH_BAGS, LuckyPool::from, campaignId, at);
    }

    public Uni<Boolean> anyPool(UUID campaignId) {
        return db.first(ANY_POOL, r -> r.getBoolean("any"), campaignId);
    }

    /** Records the chances (a fact once per campaign, however often it is delivered). */
    public Uni<Void> addChances(List<Chance> chances) {
        if (chances.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.update(NEW_CHANCES, CHANCE_COLUMNS.params(chances)).replaceWithVoid();
    }

    /** The person's earliest undrawn chance in the campaign, locked for this transaction; null when none is left. */
    public Uni<Chance> nextUndrawnChance(String personId, UUID campaignId) {
        return db.first(NEXT_UNDRAWN_CHANCE, Chance::from, personId, campaignId);
    }

    public Uni<Long> undrawnChances(String personId, UUID campaignId) {
        return db.first(UNDRAWN_CHANCES, r -> r.getLong("chances"), personId, campaignId);
    }

    /** Records the chance's draw against the pool: its HMAC, whether it opened a bag, and which. */
    public Uni<Void> drawn(Chance chance, Instant at, UUID poolId, String hmac, boolean opened, Integer bagNo) {
        return db.update(DRAWN, chance.campaignId(), chance.participationId(), at, poolId, hmac, opened, bagNo)
                .replaceWithVoid();
    }

    public Uni<Integer> openedOnDay(UUID poolId, String personId, LocalDate day) {
        return db.first(OPENED_ON_DAY, r -> r.getInteger("opened"), poolId, personId, day);
    }

    /** Counts one more bag for the person that day; false (nothing counted) when the daily limit is reached. */
    public Uni<Boolean> oneMoreOnDay(UUID poolId, String personId, LocalDate day, int limit) {
        return db.first(ONE_MORE_ON_DAY, r -> r.getInteger("opened"), poolId, personId, day, limit)
                .map(opened -> opened != null);
    }

    /** The pool's next bag, now its opener's, for the project they picked; null when none is left. */
    public Uni<TakenBag> takeBag(UUID poolId, String openerId, Instant at, UUID projectId, UUID donationId) {
        return db.first(
                TAKE_BAG,
                r -> new TakenBag(r.getInteger("bag_no"), r.getLong("amount_fen")),
                poolId,
                openerId,
                at,
                projectId,
                donationId);
    }

    public Uni<List<RecordedDraw>> drawsOfPool(UUID poolId, int page, int size) {
        return db.list(DRAWS_OF_POOL, RecordedDraw::from, poolId, size, page * size);
    }

    public Uni<List<RecordedDraw>> drawsOfPerson(String personId, UUID campaignId, int page, int size) {
        return db.list(DRAWS_OF_PERSON, RecordedDraw::from, personId, campaignId, size, page * size);
    }
}
