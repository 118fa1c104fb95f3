package org.gongyi.donation.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/**
 * A reversal of (part of) a donation. {@code refundedFen} is the refunded amount of the deal behind it;
 * {@code sourceEventId} the refund event it came from.
 */
public record DonationReversal(
        UUID id,
        UUID donationId,
        UUID projectId,
        UUID payoutId,
        long amountFen,
        long refundedFen,
        String reason,
        Instant reversedAt,
        UUID sourceEventId) {

    static final String COLUMNS = """
            id, donation_id, project_id, payout_id, amount_fen, refunded_fen, reason, reversed_at, source_event_id""";

    static DonationReversal from(Row row) {
        return new DonationReversal(
                row.getUUID("id"),
                row.getUUID("donation_id"),
                row.getUUID("project_id"),
                row.getUUID("payout_id"),
                row.getLong("amount_fen"),
                row.getLong("refunded_fen"),
                row.getString("reason"),
                Db.instant(row, "reversed_at"),
                row.getUUID("source_event_id"));
    }
}
