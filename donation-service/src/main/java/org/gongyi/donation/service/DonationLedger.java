package org.gongyi.donation.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.donation.domain.DonationRule;
import org.gongyi.donation.domain.Province;
import org.gongyi.donation.domain.Refunds;
import org.gongyi.donation.persistence.CharityProject;
import org.gongyi.donation.persistence.CharityRule;
import org.gongyi.donation.persistence.Donation;
import org.gongyi.donation.persistence.DonationReversal;
import org.gongyi.donation.persistence.EarlyRefund;
import org.gongyi.donation.persistence.Projections;
import org.gongyi.common.persistence.Sql;
import org.gongyi.events.Causation;
import org.gongyi.events.contract.DonationRecorded;
import org.gongyi.events.contract.DonationReversed;
import org.gongyi.events.contract.OrderRefunded;
import org.gongyi.events.contract.PurchaseCompleted;
import org.gongyi.events.outbox.Outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns completed purchases into donations and refunds into reversals. Runs inside the inbox's transaction:
 * the donation rows, the projections and the outgoing events commit together or not at all. A refund that
 * arrives before its purchase is kept and applied when the purchase is recorded, so either order ends the same.
 */
@ApplicationScoped
public class DonationLedger {

    private static final String DEFAULT_REASON = "refund";

    private final Outbox outbox;
    private final Clock clock;

    public DonationLedger(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Many purchases at once, set-based: the rules and projects of the whole run are read with two queries; the
     * donations are written with one statement that skips deals already recorded (unique order and item), and only
     * the rows it wrote get their events (one multi-row insert), refunds that came first, and projections (a few
     * statements, one update per project). Ends exactly as recording them one by one would.
     */
    public Uni<Void> recordPurchases(List<PurchaseCompleted> purchases, List<UUID> eventIds, List<String> requestIds) {
        List<Object[]> deals = new ArrayList<>();
        Set<String> items = new LinkedHashSet<>();
        for (int i = 0; i < purchases.size(); i++) {
            PurchaseCompleted p = purchases.get(i);
            UUID eventId = eventIds.get(i);
            Map<String, Long> paidByItem = new LinkedHashMap<>();
            p.lines().forEach(l -> paidByItem.merge(l.itemId(), l.paidFen(), Math::addExact));
            String requestId = requestIds.get(i);
            paidByItem.forEach((item, paid) -> deals.add(new Object[]{p, item, paid, eventId, requestId}));
            items.addAll(paidByItem.keySet());
        }
        return CharityRule.<CharityRule>list("itemId in ?1 order by effectiveFrom desc", items).chain(rules -> {
            // a deal donates only under a rule its own seller set on the item
            Map<SellerItem, List<CharityRule>> rulesBySellerItem = new HashMap<>();
            rules.forEach(r -> rulesBySellerItem.computeIfAbsent(new SellerItem(r.sellerId, r.itemId),
                    k -> new ArrayList<>()).add(r));
            Set<UUID> projectIds = new HashSet<>();
            rules.forEach(r -> projectIds.add(r.projectId));
            Uni<List<CharityProject>> projects = projectIds.isEmpty() ? Uni.createFrom().item(List.of())
                    : CharityProject.list("id in ?1", projectIds);
            return projects.chain(ps -> {
                Map<UUID, CharityProject> projectById = new HashMap<>();
                ps.forEach(p -> projectById.put(p.id, p));
                Set<String> seen = new HashSet<>();
                List<Donation> candidates = new ArrayList<>();
                Map<Donation, String> requestOf = new java.util.IdentityHashMap<>();
                for (Object[] deal : deals) {
                    PurchaseCompleted p = (PurchaseCompleted) deal[0];
                    String item = (String) deal[1];
                    long paid = (Long) deal[2];
                    CharityRule rule = inForce(rulesBySellerItem.getOrDefault(new SellerItem(p.sellerId(), item),
                            List.of()), p.completedAt());
                    if (rule == null || paid == 0 || !projectById.get(rule.projectId).acceptsAt(p.completedAt())
                            || !seen.add(p.orderId() + "\n" + item)) {
                        continue;
                    }
                    Donation d = newDonation(p, item, paid, rule, rule.terms.rule().donationFor(paid), clock.instant());
                    d.sourceEventId = (UUID) deal[3];
                    requestOf.put(d, (String) deal[4]);
                    candidates.add(d);
                }
                // the shared counters last: concurrent batches hold their row locks only until the commit that follows
                return Donation.insertNew(candidates).chain(created -> outbox.appendAll(created.stream()
                                .map(DonationLedger::recorded).toList(), created.stream().map(d -> d.sourceEventId).toList(),
                                created.stream().map(requestOf::get).toList())
                        // refunds that came first apply to the donations just made (a deal sent again makes none)
                        .chain(() -> created.isEmpty() ? Uni.createFrom().item(List.<String>of())
                                : EarlyRefund.pendingOrders(created.stream().map(d -> d.orderId)
                                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new))))
                        .chain(early -> each(early, this::applyEarlyRefunds))
                        .chain(() -> Projections.donatedAll(created)));
            });
        });
    }

    private record SellerItem(String sellerId, String itemId) {
    }

    /** The version in force at {@code at} among a seller's rule versions for an item (newest first). */
    private static CharityRule inForce(List<CharityRule> newestFirst, Instant at) {
        for (CharityRule r : newestFirst) {
            if (!r.effectiveFrom.isAfter(at) && (r.effectiveTo == null || r.effectiveTo.isAfter(at))) {
                return r;
            }
        }
        return null;
    }

    /** One purchase (the event being applied): the same path as a run of one. */
    public Uni<Void> recordPurchase(PurchaseCompleted purchase) {
        return recordPurchases(List.of(purchase), java.util.Collections.singletonList(Causation.current()),
                java.util.Collections.singletonList(null));
    }

    private static Donation newDonation(PurchaseCompleted purchase, String itemId, long paidFen, CharityRule rule,
                                        long amount, Instant now) {
        Donation d = new Donation();
        d.id = UUID.randomUUID();
        d.orderId = purchase.orderId();
        d.itemId = itemId;
        d.buyerId = purchase.buyerId();
        d.sellerId = purchase.sellerId();
        d.province = Province.of(purchase.province()).map(Province::displayName).orElse(null);
        d.projectId = rule.projectId;
        d.ruleId = rule.id;
        d.terms = rule.terms.copy();
        d.paidFen = paidFen;
        d.amountFen = amount;
        d.completedAt = purchase.completedAt();
        d.recordedAt = now;
        return d;
    }

    /** The event of a new donation; its rule is the one copied onto it. */
    private static DonationRecorded recorded(Donation d) {
        return new DonationRecorded(d.id.toString(), d.orderId, d.itemId, d.buyerId, d.sellerId,
                d.projectId.toString(), d.province, d.paidFen, d.amountFen, ruleOf(d.terms.rule()), d.completedAt,
                d.recordedAt);
    }

    /** Records that a refund is applied; nothing when it was (the same refund sent again, under another event id). */
    private static final String FIRST_APPLICATION_OF_REFUND = """
            insert into refund_applied (refund_key, order_id, source_event_id, applied_at) values (?1, ?2, ?3, ?4)
            on conflict do nothing
            """;

    /** A refund (the event being applied), once per refund whatever events carry it. */
    public Uni<Void> reverseRefund(OrderRefunded refund) {
        UUID eventId = Causation.current();
        return Sql.exec(FIRST_APPLICATION_OF_REFUND, refund.refundKey(), refund.orderId(), eventId,
                        Sql.utc(clock.instant()))
                .chain(first -> first == 0 ? Uni.createFrom().voidItem() : applyRefund(refund, eventId));
    }

    private Uni<Void> applyRefund(OrderRefunded refund, UUID eventId) {
        String reason = refund.reason() == null ? DEFAULT_REASON : refund.reason();
        if (refund.wholeOrder()) {
            return Donation.<Donation>list("orderId", refund.orderId()).chain(donations -> donations.isEmpty()
                    ? keepEarly(refund.orderId(), null, null, reason, refund.refundedAt(), eventId)
                    : each(donations, d -> refund(d, null, reason, eventId)));
        }
        return Multi.createFrom().iterable(refund.lines())
                .onItem().transformToUniAndConcatenate(line -> Donation.<Donation>find("orderId = ?1 and itemId = ?2",
                        refund.orderId(), line.itemId()).firstResult().chain(d -> d == null
                        ? keepEarly(refund.orderId(), line.itemId(), line.refundedFen(), reason, refund.refundedAt(),
                        eventId)
                        : refund(d, line.refundedFen(), reason, eventId)))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> applyEarlyRefunds(String orderId) {
        return EarlyRefund.<EarlyRefund>list("orderId = ?1 and appliedAt is null order by refundedAt, id", orderId)
                .chain(early -> each(early, e -> {
                    e.appliedAt = clock.instant();
                    Uni<List<Donation>> targets = e.itemId == null ? Donation.list("orderId", orderId)
                            : Donation.list("orderId = ?1 and itemId = ?2", orderId, e.itemId);
                    return targets.chain(ds -> each(ds, d -> refund(d, e.refundedFen, e.reason, e.sourceEventId)));
                }));
    }

    private Uni<Void> keepEarly(String orderId, String itemId, Long refundedFen, String reason, Instant at,
                                UUID eventId) {
        EarlyRefund e = new EarlyRefund();
        e.sourceEventId = eventId;
        e.id = UUID.randomUUID();
        e.orderId = orderId;
        e.itemId = itemId;
        e.refundedFen = refundedFen;
        e.reason = reason;
        e.refundedAt = at;
        return e.persist().replaceWithVoid();
    }

    /**
     * Refunds {@code requestedFen} of the deal (all that is left when null) and reverses its share of the donation;
     * {@code eventId} is the refund event's.
     */
    private Uni<Void> refund(Donation d, Long requestedFen, String reason, UUID eventId) {
        long refundNow = Refunds.refundable(d.paidFen, d.refundedFen, requestedFen);
        if (refundNow <= 0) {
            return Uni.createFrom().voidItem();
        }
        long reversal = Refunds.reversalFor(d.amountFen, d.paidFen, d.refundedFen, refundNow);
        Instant now = clock.instant();
        d.refundedFen += refundNow;
        d.reversedFen += reversal;
        if (d.reversedFen == d.amountFen) {
            d.reversedAt = now;
        }
        if (reversal == 0) {
            return Uni.createFrom().voidItem();
        }
        DonationReversal r = new DonationReversal();
        r.id = UUID.randomUUID();
        r.donationId = d.id;
        r.projectId = d.projectId;
        r.amountFen = reversal;
        r.refundedFen = refundNow;
        r.reason = reason;
        r.reversedAt = now;
        r.sourceEventId = eventId;
        return r.persist()
                .chain(() -> Projections.reversed(d.projectId, reversal, eventId))
                .chain(() -> outbox.appendAll(List.of(new DonationReversed(d.id.toString(), r.id.toString(), d.orderId, d.itemId,
                        d.buyerId, d.projectId.toString(), reversal, reason, now)), java.util.Collections.singletonList(eventId)))
                .replaceWithVoid();
    }

    private static <T> Uni<Void> each(List<T> items, java.util.function.Function<T, Uni<Void>> action) {
        return Multi.createFrom().iterable(items).onItem().<Void>transformToUniAndConcatenate(action::apply)
                .collect().last().replaceWithVoid();
    }

    static org.gongyi.events.contract.DonationRule ruleOf(DonationRule rule) {
        if (rule instanceof DonationRule.Percentage p) {
            return new org.gongyi.events.contract.DonationRule("PERCENTAGE", p.basisPoints(), null);
        }
        return new org.gongyi.events.contract.DonationRule("FIXED", null, ((DonationRule.Fixed) rule).amountFen());
    }
}
