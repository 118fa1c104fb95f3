package org.gongyi.donation.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A claim the insurer paid against a cover, under the insurer's claim {@code reference}. */
public record BenefitClaim(
        UUID id, UUID benefitId, String reference, long amountFen, LocalDate paidOn, Instant recordedAt) {

    static final String COLUMNS = "id, benefit_id, reference, amount_fen, paid_on, recorded_at";

    static BenefitClaim from(Row row) {
        return new BenefitClaim(
                row.getUUID("id"),
                row.getUUID("benefit_id"),
                row.getString("reference"),
                row.getLong("amount_fen"),
                row.getLocalDate("paid_on"),
                Db.instant(row, "recorded_at"));
    }
}
