package org.gongyi.donation.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/**
 * A person enrolled in a programme, by the least the benefit needs: the charity's opaque {@code reference}, the county,
 * for insurance the household id and an age band, for a mother's business her shop's seller id (optional).
 * {@code enrolmentNo} orders who a payout helps first.
 */
public record Beneficiary(
        UUID id,
        UUID programmeId,
        long enrolmentNo,
        String reference,
        String county,
        String householdId,
        String ageBand,
        String sellerId,
        Instant enrolledAt,
        Instant firstBenefitAt) {

    static final String COLUMNS = """
            id, programme_id, enrolment_no, reference, county, household_id, age_band, seller_id, enrolled_at,
            first_benefit_at""";

    static Beneficiary from(Row row) {
        return new Beneficiary(
                row.getUUID("id"),
                row.getUUID("programme_id"),
                row.getLong("enrolment_no"),
                row.getString("reference"),
                row.getString("county"),
                row.getString("household_id"),
                row.getString("age_band"),
                row.getString("seller_id"),
                Db.instant(row, "enrolled_at"),
                Db.instant(row, "first_benefit_at"));
    }

    /** Who asks to be enrolled, checked by the programme's rule. */
    public record Draft(String reference, String county, String householdId, String ageBand, String sellerId) {}
}
