package org.gongyi.donation.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One benefit a payout bought: a year's cover ({@code startsOn}..{@code endsOn} inclusive) or a grant (no end). */
public record Benefit(
        UUID id,
        UUID programmeId,
        UUID beneficiaryId,
        UUID payoutId,
        long amountFen,
        LocalDate startsOn,
        LocalDate endsOn,
        Instant boughtAt) {

    static final String COLUMNS =
            "id, programme_id, beneficiary_id, payout_id, amount_fen, starts_on, ends_on, bought_at";

    static Benefit from(Row row) {
        return new Benefit(
                row.getUUID("id"),
                row.getUUID("programme_id"),
                row.getUUID("beneficiary_id"),
                row.getUUID("payout_id"),
                row.getLong("amount_fen"),
                row.getLocalDate("starts_on"),
                row.getLocalDate("ends_on"),
                Db.instant(row, "bought_at"));
    }
}
