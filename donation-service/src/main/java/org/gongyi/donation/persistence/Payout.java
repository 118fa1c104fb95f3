package org.gongyi.donation.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/**
 * One closed period of one project: what was donated and reversed in it, and the net paid out. {@code periodStart}
 * is null for a project's first payout: from the beginning.
 */
public record Payout(
        UUID id,
        UUID projectId,
        Instant periodStart,
        Instant periodEnd,
        long donatedFen,
        long reversedFen,
        long netFen,
        long donationCount,
        long reversalCount,
        Instant createdAt) {

    static final String COLUMNS = """
            id, project_id, period_start, period_end, donated_fen, reversed_fen, net_fen, donation_count,
            reversal_count, created_at""";

    static Payout from(Row row) {
        return new Payout(
                row.getUUID("id"),
                row.getUUID("project_id"),
                Db.instant(row, "period_start"),
                Db.instant(row, "period_end"),
                row.getLong("donated_fen"),
                row.getLong("reversed_fen"),
                row.getLong("net_fen"),
                row.getLong("donation_count"),
                row.getLong("reversal_count"),
                Db.instant(row, "created_at"));
    }
}
