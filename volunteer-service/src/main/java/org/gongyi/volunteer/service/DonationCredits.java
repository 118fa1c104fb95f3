package org.gongyi.volunteer.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.events.Causation;
import org.gongyi.events.contract.DonationRecorded;
import org.gongyi.events.contract.DonationReversed;
import org.gongyi.volunteer.domain.WelfareTime;
import org.gongyi.volunteer.domain.WelfareTime.Source;
import org.gongyi.volunteer.persistence.DonationCreditRecords;

import java.time.Clock;

/**
 * A donation earns its credit while it stands: once its reversals add up to the whole donation (the purchase was
 * refunded), the credit is revoked. A reversal may arrive before its donation; either order ends the same.
 */
@ApplicationScoped
public class DonationCredits {

    private final DonationCreditRecords records;
    private final WelfareLedger ledger;
    private final Clock clock;

    public DonationCredits(DonationCreditRecords records, WelfareLedger ledger, Clock clock) {
        this.records = records;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Uni<Void> recorded(DonationRecorded d) {
        return records.recordDonation(d.donationId(), d.buyerId(), d.amountFen(), Causation.current())
                .chain(reversedBefore -> reversedBefore == null || reversedBefore >= d.amountFen()
                        ? Uni.createFrom().voidItem()
                        : ledger.creditId(
                                        d.buyerId(),
                                        Source.DONATION,
                                        d.donationId(),
                                        WelfareTime.year(d.completedAt()),
                                        WelfareTime.DONATION_TENTHS)
                                .chain(id -> id == null
                                        ? Uni.createFrom().voidItem()
                                        : records.setCredit(d.donationId(), id).replaceWithVoid()));
    }

    /** A reversal of a donation, once per reversal whatever events carry it. */
    public Uni<Void> reversed(DonationReversed r) {
        return records.firstApplication(r.reversalKey(), r.donationId(), Causation.current())
                .chain(first -> !first ? Uni.createFrom().voidItem() : apply(r));
    }

    private Uni<Void> apply(DonationReversed r) {
        return records.addReversal(r.donationId(), r.buyerId(), r.amountFen()).chain(standing -> {
            if (!standing.wholeReversed() || standing.creditId() == null || standing.revokedAt() != null) {
                return Uni.createFrom().voidItem();
            }
            return ledger.revoke(standing.creditId())
                    .chain(() -> records.markRevoked(r.donationId(), clock.instant()))
                    .replaceWithVoid();
        });
    }
}
