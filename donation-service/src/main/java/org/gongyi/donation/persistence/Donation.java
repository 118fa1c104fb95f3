package org.gongyi.donation.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/**
 * One donation: one completed deal (order line) of an item with a rule in force. {@code terms} is the rule in force
 * when the deal completed; {@code refundedFen} is refunded so far on this deal; {@code reversedFen} is reversed so
 * far of this donation, {@code reversedAt} set once all of it is; {@code payoutId} is the payout that settled this
 * donation (null while it is in the open balance); {@code sourceEventId} is the purchase event it came from.
 * A lucky bag's donation has no rule ({@code ruleId}, {@code terms} null) but its pool ({@code luckyPoolId}): its order
 * is the bag, its item the pool, its seller the pool's sponsor, its buyer the opener.
 */
public record Donation(
        UUID id,
        String orderId,
        String itemId,
        String buyerId,
        String sellerId,
        String province,
        UUID projectId,
        UUID ruleId,
        RuleTerms terms,
        long paidFen,
        long amountFen,
        Instant completedAt,
        Instant recordedAt,
        long refundedFen,
        long reversedFen,
        UUID payoutId,
        Instant reversedAt,
        UUID sourceEventId,
        UUID luckyPoolId) {

    static final String COLUMNS = """
            id, order_id, item_id, buyer_id, seller_id, province, project_id, rule_id, rule_type, basis_points,
            fixed_fen, paid_fen, amount_fen, completed_at, recorded_at, refunded_fen, reversed_fen, payout_id,
            reversed_at, source_event_id, lucky_pool_id""";

    static Donation from(Row row) {
        return new Donation(
                row.getUUID("id"),
                row.getString("order_id"),
                row.getString("item_id"),
                row.getString("buyer_id"),
                row.getString("seller_id"),
                row.getString("province"),
                row.getUUID("project_id"),
                row.getUUID("rule_id"),
                row.getString("rule_type") == null ? null : RuleTerms.from(row),
                row.getLong("paid_fen"),
                row.getLong("amount_fen"),
                Db.instant(row, "completed_at"),
                Db.instant(row, "recorded_at"),
                row.getLong("refunded_fen"),
                row.getLong("reversed_fen"),
                row.getUUID("payout_id"),
                Db.instant(row, "reversed_at"),
                row.getUUID("source_event_id"),
                row.getUUID("lucky_pool_id"));
    }

    /** A donation just made: nothing refunded, reversed or paid out yet. */
    public static Donation made(
            UUID id,
            String orderId,
            String itemId,
            String buyerId,
            String sellerId,
            String province,
            UUID projectId,
            UUID ruleId,
            RuleTerms terms,
            long paidFen,
            long amountFen,
            Instant completedAt,
            Instant recordedAt,
            UUID sourceEventId) {
        return new Donation(
                id,
                orderId,
                itemId,
                buyerId,
                sellerId,
                province,
                projectId,
                ruleId,
                terms,
                paidFen,
                amountFen,
                completedAt,
                recordedAt,
                0,
                0,
                null,
                null,
                sourceEventId,
                null);
    }

    /** A lucky bag's donation just made, in its opener's name. */
    public static Donation ofLuckyBag(
            UUID id,
            UUID poolId,
            int bagNo,
            String sponsorId,
            String openerId,
            UUID projectId,
            long amountFen,
            Instant openedAt,
            UUID chanceEventId) {
        return new Donation(
                id,
                "lucky-bag:" + poolId + ":" + bagNo,
                poolId.toString(),
                openerId,
                sponsorId,
                null,
                projectId,
                null,
                null,
                amountFen,
                amountFen,
                openedAt,
                openedAt,
                0,
                0,
                null,
                null,
                chanceEventId,
                poolId);
    }

    /** Whether a sponsor's lucky bag made this donation. */
    public boolean sponsored() {
        return luckyPoolId != null;
    }
}
