package org.gongyi.volunteer.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Sql;
import org.gongyi.events.Causation;
import org.gongyi.events.contract.DonationRecorded;
import org.gongyi.events.contract.DonationReversed;
import org.gongyi.volunteer.domain.WelfareTime;
import org.gongyi.volunteer.domain.WelfareTime.Source;

import java.time.Clock;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.utc;

/**
 * A donation earns its credit while it stands: once its reversals add up to the whole donation (the purchase was
 * refunded), the credit is revoked. A reversal may arrive before its donation; either order ends the same.
 */
@ApplicationScoped
public class DonationCredits {

    private final WelfareLedger ledger;
    private final Clock clock;

    public DonationCredits(WelfareLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    public Uni<Void> recorded(DonationRecorded d) {
        return Sql.rows("insert into donation_credit (donation_id, user_id, amount_fen, source_event_id) "
                                + "values (?1, ?2, ?3, ?4) on conflict (donation_id) do update "
                                + "set amount_fen = excluded.amount_fen, source_event_id = excluded.source_event_id "
                                + "where donation_credit.amount_fen is null returning reversed_fen",
                        r -> Sql.number(r[0]), d.donationId(), d.buyerId(), d.amountFen(), Causation.current())
                .chain(rows -> rows.isEmpty() || rows.get(0) >= d.amountFen() ? Uni.createFrom().voidItem()
                        : ledger.creditId(d.buyerId(), Source.DONATION, d.donationId(),
                                WelfareTime.year(d.completedAt()), WelfareTime.DONATION_TENTHS)
                        .chain(id -> id == null ? Uni.createFrom().voidItem()
                                : Sql.exec("update donation_credit set credit_id = ?2 where donation_id = ?1",
                                d.donationId(), id).replaceWithVoid()));
    }

    private static final String FIRST_APPLICATION_OF_REVERSAL = """
            insert into donation_reversal_applied (reversal_key, donation_id, source_event_id) values (?1, ?2, ?3)
            on conflict do nothing
            """;

    /** A reversal of a donation, once per reversal whatever events carry it. */
    public Uni<Void> reversed(DonationReversed r) {
        return Sql.exec(FIRST_APPLICATION_OF_REVERSAL, r.reversalKey(), r.donationId(), Causation.current())
                .chain(first -> first == 0 ? Uni.createFrom().voidItem() : apply(r));
    }

    private Uni<Void> apply(DonationReversed r) {
        return Sql.rows("insert into donation_credit (donation_id, user_id, reversed_fen) values (?1, ?2, ?3) "
                                + "on conflict (donation_id) do update "
                                + "set reversed_fen = donation_credit.reversed_fen + excluded.reversed_fen "
                                + "returning amount_fen, reversed_fen, cast(credit_id as text), revoked_at",
                        row -> row, r.donationId(), r.buyerId(), r.amountFen())
                .chain(rows -> {
                    Object[] c = rows.get(0);
                    boolean whole = c[0] != null && Sql.number(c[1]) >= Sql.number(c[0]);
                    if (!whole || c[2] == null || c[3] != null) {
                        return Uni.createFrom().voidItem();
                    }
                    return ledger.revoke(UUID.fromString((String) c[2]))
                            .chain(() -> Sql.exec("update donation_credit set revoked_at = ?2 where donation_id = ?1",
                                    r.donationId(), utc(clock.instant())))
                            .replaceWithVoid();
                });
    }
}
