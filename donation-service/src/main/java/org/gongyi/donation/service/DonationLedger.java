package org.gongyi.donation.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.donation.domain.DonationRule;
import org.gongyi.donation.persistence.CharityRule;
import org.gongyi.donation.persistence.Donation;
import org.gongyi.donation.persistence.DonationReversal;
import org.gongyi.events.contract.DonationRecorded;
import org.gongyi.events.contract.DonationReversed;
import org.gongyi.events.contract.OrderRefunded;
import org.gongyi.events.contract.PurchaseCompleted;
import org.gongyi.events.outbox.Outbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns completed purchases into donations and refunds into reversals. Runs inside the inbox's transaction:
 * the donation rows, the project counters and the outgoing events commit together or not at all.
 */
@ApplicationScoped
public class DonationLedger {

    private final Outbox outbox;

    public DonationLedger(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> recordPurchase(PurchaseCompleted purchase) {
        // one deal per item: lines of the same item are one deal
        Map<String, Long> paidByItem = new LinkedHashMap<>();
        for (PurchaseCompleted.Line line : purchase.lines()) {
            paidByItem.merge(line.itemId(), line.paidFen(), Math::addExact);
        }
        return Multi.createFrom().iterable(paidByItem.entrySet())
                .onItem().transformToUniAndConcatenate(e -> recordDeal(purchase, e.getKey(), e.getValue()))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> recordDeal(PurchaseCompleted purchase, String itemId, long paidFen) {
        return RuleService.inForce(itemId, purchase.completedAt()).chain(rule -> {
            if (rule == null) {
                return Uni.createFrom().voidItem();
            }
            long amount = rule.terms.rule().donationFor(paidFen);
            if (amount == 0) {
                return Uni.createFrom().voidItem();
            }
            return Donation.count("orderId = ?1 and itemId = ?2", purchase.orderId(), itemId)
                    .chain(existing -> existing > 0 ? Uni.createFrom().voidItem()
                            : persistDonation(purchase, itemId, paidFen, rule, amount));
        });
    }

    private Uni<Void> persistDonation(PurchaseCompleted purchase, String itemId, long paidFen, CharityRule rule,
                                      long amount) {
        Donation d = new Donation();
        d.id = UUID.randomUUID();
        d.orderId = purchase.orderId();
        d.itemId = itemId;
        d.buyerId = purchase.buyerId();
        d.sellerId = purchase.sellerId();
        d.province = purchase.province();
        d.projectId = rule.projectId;
        d.ruleId = rule.id;
        d.terms = rule.terms.copy();
        d.paidFen = paidFen;
        d.amountFen = amount;
        d.completedAt = purchase.completedAt();
        d.recordedAt = Instant.now();
        return d.persist()
                .chain(() -> ProjectService.addToCounters(d.projectId, amount, 1, 0, 0))
                .chain(() -> outbox.append(new DonationRecorded(d.id.toString(), d.orderId, d.itemId, d.buyerId,
                        d.sellerId, d.projectId.toString(), d.province, d.paidFen, d.amountFen,
                        ruleOf(rule.terms.rule()), d.completedAt, d.recordedAt)))
                .replaceWithVoid();
    }

    public Uni<Void> reverseRefund(OrderRefunded refund) {
        Uni<List<Donation>> donations = refund.wholeOrder()
                ? Donation.list("orderId = ?1 and reversedAt is null", refund.orderId())
                : Donation.list("orderId = ?1 and itemId in ?2 and reversedAt is null", refund.orderId(),
                refund.itemIds());
        return donations.chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(d -> reverse(d, refund))
                .collect().last().replaceWithVoid());
    }

    private Uni<Void> reverse(Donation d, OrderRefunded refund) {
        Instant now = Instant.now();
        d.reversedAt = now;
        DonationReversal r = new DonationReversal();
        r.id = UUID.randomUUID();
        r.donationId = d.id;
        r.amountFen = d.amountFen;
        r.reason = refund.reason() == null ? "refund" : refund.reason();
        r.reversedAt = now;
        return r.persist()
                .chain(() -> ProjectService.addToCounters(d.projectId, 0, 0, d.amountFen, 1))
                .chain(() -> outbox.append(new DonationReversed(d.id.toString(), d.orderId, d.itemId, d.buyerId,
                        d.projectId.toString(), d.amountFen, r.reason, now)))
                .replaceWithVoid();
    }

    static org.gongyi.events.contract.DonationRule ruleOf(DonationRule rule) {
        if (rule instanceof DonationRule.Percentage p) {
            return new org.gongyi.events.contract.DonationRule("PERCENTAGE", p.basisPoints(), null);
        }
        return new org.gongyi.events.contract.DonationRule("FIXED", null, ((DonationRule.Fixed) rule).amountFen());
    }
}
