package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class Donations {

    /**
     * Many donations with one statement, one array parameter per column (the same text for any number of rows),
     * written in the given order; deals already recorded (same order and item) are skipped.
     */
    private static final String INSERT_NEW = """
            insert into donation (id, order_id, item_id, buyer_id, seller_id, province, project_id, rule_id, rule_type,
                                  basis_points, fixed_fen, paid_fen, amount_fen, completed_at, recorded_at,
                                  source_event_id, lucky_pool_id)
            select id, order_id, item_id, buyer_id, seller_id, province, project_id, rule_id, rule_type, basis_points,
                   fixed_fen, paid_fen, amount_fen, completed_at, recorded_at, source_event_id, lucky_pool_id
            from unnest(cast($1 as uuid[]), cast($2 as text[]), cast($3 as text[]), cast($4 as text[]),
                        cast($5 as text[]), cast($6 as text[]), cast($7 as uuid[]), cast($8 as uuid[]),
                        cast($9 as text[]), cast($10 as int[]), cast($11 as bigint[]), cast($12 as bigint[]),
                        cast($13 as bigint[]), cast($14 as timestamptz[]), cast($15 as timestamptz[]),
                        cast($16 as uuid[]), cast($17 as uuid[]))
                 with ordinality as u(id, order_id, item_id, buyer_id, seller_id, province, project_id, rule_id,
                                      rule_type, basis_points, fixed_fen, paid_fen, amount_fen, completed_at,
                                      recorded_at, source_event_id, lucky_pool_id, n)
            order by n
            on conflict (order_id, item_id) do nothing
            returning id
            """;
    /**
     * An order's donations, locked as the update that follows locks them: a refund reads what earlier refunds left
     * and writes it back, so refunds of one deal queue on its row.
     */
    private static final String OF_ORDER_LOCKED = """
            select %s from donation where order_id = $1 for no key update
            """.formatted(Donation.COLUMNS);

    private static final String OF_ORDER_ITEM_LOCKED = """
            select %s from donation where order_id = $1 and item_id = $2 for no key update
            """.formatted(Donation.COLUMNS);
    private static final String REFUNDED = """
            update donation set refunded_fen = $2, reversed_fen = $3, reversed_at = $4 where id = $1
            """;
    private static final String PAGE_OF_BUYER = """
            select %s from donation where buyer_id = $1 order by completed_at desc, id limit $2 offset $3
            """.formatted(Donation.COLUMNS);
    private static final String OF_BUYER_COMPLETED_BETWEEN = """
            select %s from donation where buyer_id = $1 and completed_at >= $2 and completed_at < $3
            """.formatted(Donation.COLUMNS);

    private final Db db;

    public Donations(Db db) {
        this.db = db;
    }

    /** Inserts the donations with one statement, skipping deals already recorded; those it wrote, in the given order. */
    public Uni<List<Donation>> insertNew(List<Donation> donations) {
        if (donations.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = donations.size();
        UUID[] id = new UUID[n];
        String[] orderId = new String[n];
        String[] itemId = new String[n];
        String[] buyerId = new String[n];
        String[] sellerId = new String[n];
        String[] province = new String[n];
        UUID[] projectId = new UUID[n];
        UUID[] ruleId = new UUID[n];
        String[] ruleType = new String[n];
        Integer[] basisPoints = new Integer[n];
        Long[] fixedFen = new Long[n];
        Long[] paidFen = new Long[n];
        Long[] amountFen = new Long[n];
        OffsetDateTime[] completedAt = new OffsetDateTime[n];
        OffsetDateTime[] recordedAt = new OffsetDateTime[n];
        UUID[] sourceEventId = new UUID[n];
        UUID[] luckyPoolId = new UUID[n];
        for (int i = 0; i < n; i++) {
            Donation d = donations.get(i);
            id[i] = d.id();
            orderId[i] = d.orderId();
            itemId[i] = d.itemId();
            buyerId[i] = d.buyerId();
            sellerId[i] = d.sellerId();
            province[i] = d.province();
            projectId[i] = d.projectId();
            ruleId[i] = d.ruleId();
            ruleType[i] = d.terms() == null ? null : d.terms().ruleType().name();
            basisPoints[i] = d.terms() == null ? null : d.terms().basisPoints();
            fixedFen[i] = d.terms() == null ? null : d.terms().fixedFen();
            paidFen[i] = d.paidFen();
            amountFen[i] = d.amountFen();
            completedAt[i] = utc(d.completedAt());
            recordedAt[i] = utc(d.recordedAt());
            sourceEventId[i] = d.sourceEventId();
            luckyPoolId[i] = d.luckyPoolId();
        }
        return db.list(
                        INSERT_NEW,
                        r -> r.getUUID("id"),
                        id,
                        orderId,
                        itemId,
                        buyerId,
                        sellerId,
                        province,
                        projectId,
                        ruleId,
                        ruleType,
                        basisPoints,
                        fixedFen,
                        paidFen,
                        amountFen,
                        completedAt,
                        recordedAt,
                        sourceEventId,
                        luckyPoolId)
                .map(ids -> {
                    Set<UUID> written = new HashSet<>(ids);
                    return donations.stream()
                            .filter(d -> written.contains(d.id()))
                            .toList();
                });
    }

    /** The order's donations, locked for this transaction. */
    public Uni<List<Donation>> ofOrderLocked(String orderId) {
        return db.list(OF_ORDER_LOCKED, Donation::from, orderId);
    }

    /** The order's donations of the item (one at most: unique order and item), locked for this transaction. */
    public Uni<List<Donation>> ofOrderItemLocked(String orderId, String itemId) {
        return db.list(OF_ORDER_ITEM_LOCKED, Donation::from, orderId, itemId);
    }

    /** Writes what a refund changed: refunded and reversed so far, and when all of the donation was reversed. */
    public Uni<Integer> refunded(UUID id, long refundedFen, long reversedFen, Instant reversedAt) {
        return db.update(REFUNDED, id, refundedFen, reversedFen, reversedAt);
    }

    /** A buyer's donations, newest first. */
    public Uni<List<Donation>> pageOfBuyer(String buyerId, int page, int size) {
        return db.list(PAGE_OF_BUYER, Donation::from, buyerId, size, page * size);
    }

    /** A buyer's donations of deals completed in [from, to). */
    public Uni<List<Donation>> ofBuyerCompletedBetween(String buyerId, Instant from, Instant to) {
        return db.list(OF_BUYER_COMPLETED_BETWEEN, Donation::from, buyerId, from, to);
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
