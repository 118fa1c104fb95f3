package org.gongyi.volunteer.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/**
 * A donation's welfare-time credit and the reversals of the donation seen so far (either may come first), so the
 * credit is revoked once the reversals add up to the whole donation.
 */
@ApplicationScoped
public class DonationCreditRecords {

    /** Where a donation stands after a reversal: {@code amountFen} null while the donation itself is not seen. */
    public record Standing(Long amountFen, long reversedFen, UUID creditId, Instant revokedAt) {
        static Standing from(Row row) {
            return new Standing(
                    row.getLong("amount_fen"),
                    row.getLong("reversed_fen"),
                    row.getUUID("credit_id"),
                    Db.instant(row, "revoked_at"));
        }

        public boolean wholeReversed() {
            return amountFen != null && reversedFen >= amountFen;
        }
    }

    /** The donation, once (a row a reversal made first gets its amount); returns what was reversed before. */
    private static final String RECORD_DONATION = """
            insert into donation_credit (donation_id, user_id, amount_fen, source_event_id) values ($1, $2, $3, $4)
            on conflict (donation_id) do update
               set amount_fen = excluded.amount_fen, source_event_id = excluded.source_event_id
             where donation_credit.amount_fen is null
            returning reversed_fen
            """;

    private static final String SET_CREDIT = "update donation_credit set credit_id = $2 where donation_id = $1";
    /** Records that a reversal is applied; nothing when it was (sent again under another event id). */
    private static final String FIRST_APPLICATION_OF_REVERSAL = """
            insert into donation_reversal_applied (reversal_key, donation_id, source_event_id) values ($1, $2, $3)
            on conflict do nothing
            """;

    private static final String ADD_REVERSAL = """
            insert into donation_credit (donation_id, user_id, reversed_fen) values ($1, $2, $3)
            on conflict (donation_id) do update set reversed_fen = donation_credit.reversed_fen + excluded.reversed_fen
            returning amount_fen, reversed_fen, credit_id, revoked_at
            """;
    private static final String MARK_REVOKED = "update donation_credit set revoked_at = $2 where donation_id = $1";

    private final Db db;

    public DonationCreditRecords(Db db) {
        this.db = db;
    }

    /** What was reversed of the donation before it was seen; null when the donation was recorded before. */
    public Uni<Long> recordDonation(String donationId, String user, long amountFen, UUID eventId) {
        return db.first(RECORD_DONATION, row -> row.getLong("reversed_fen"), donationId, user, amountFen, eventId);
    }

    public Uni<Integer> setCredit(String donationId, UUID creditId) {
        return db.update(SET_CREDIT, donationId, creditId);
    }

    /** True the first time the reversal is applied. */
    public Uni<Boolean> firstApplication(String reversalKey, String donationId, UUID eventId) {
        return db.update(FIRST_APPLICATION_OF_REVERSAL, reversalKey, donationId, eventId)
                .map(n -> n == 1);
    }

    public Uni<Standing> addReversal(String donationId, String user, long reversedFen) {
        return db.first(ADD_REVERSAL, Standing::from, donationId, user, reversedFen);
    }

    public Uni<Integer> markRevoked(String donationId, Instant now) {
        return db.update(MARK_REVOKED, donationId, now);
    }
}
