package org.gongyi.donation.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Ids;
import org.gongyi.donation.domain.Province;
import org.gongyi.donation.domain.Refunds;
import org.gongyi.donation.persistence.CharityProject;
import org.gongyi.donation.persistence.CharityRule;
import org.gongyi.donation.persistence.Donation;
import org.gongyi.donation.persistence.DonationReversal;
import org.gongyi.donation.persistence.DonationReversals;
import org.gongyi.donation.persistence.Donations;
import org.gongyi.donation.persistence.EarlyRefund;
import org.gongyi.donation.persistence.EarlyRefunds;
import org.gongyi.donation.persistence.Projections;
import org.gongyi.donation.persistence.Projects;
import org.gongyi.donation.persistence.Rules;
import org.gongyi.donation.persistence.ShopSales;
import org.gongyi.events.Causation;
import org.gongyi.events.Received;
import org.gongyi.events.contract.DonationReversed;
import org.gongyi.events.contract.OrderRefunded;
import org.gongyi.events.contract.PurchaseCompleted;
import org.gongyi.events.outbox.Outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

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
    private final Rules rules;
    private final Projects projects;
    private final Donations donations;
    private final DonationReversals reversals;
    private final EarlyRefunds earlyRefunds;
    private final Projections projections;
    private final ShopSales shopSales;

    public DonationLedger(
            Outbox outbox,
            Clock clock,
            Rules rules,
            Projects projects,
            Donations donations,
            DonationReversals reversals,
            EarlyRefunds earlyRefunds,
            Projections projections,
            ShopSales shopSales) {
        this.shopSales = shopSales;
        this.outbox = outbox;
        this.clock = clock;
        this.rules = rules;
        this.projects = projects;
        this.donations = donations;
        this.reversals = reversals;
        this.earlyRefunds = earlyRefunds;
        this.projections = projections;
    }

    /**
     * Many purchases at once, set-based: the rules and projects of the whole run are read with two queries; the
     * donations are written with one statement that skips deals already recorded (unique order and item), and only
     * the rows it wrote get their events (one multi-row insert), refunds that came first, and projections (a few
     * statements, one update per project). Ends exactly as recording them one by one would.
     */
    public Uni<Void> recordPurchases(List<Received<PurchaseCompleted>> purchases) {
        Map<UUID, String> requestOf = new HashMap<>();
        purchases.forEach(p -> requestOf.put(p.eventId(), p.requestId()));
        // the shared counters last: concurrent batches hold their row locks only until the commit that follows
        return newDonations(
                        purchases,
                        created -> outbox.appendCaused(created.stream()
                                .map(d -> new Outbox.Caused(
                                        DonationEvents.recorded(d, null),
                                        d.sourceEventId(),
                                        requestOf.get(d.sourceEventId())))
                                .toList()))
                .chain(projections::donatedAll);
    }

    /**
     * For an auditor's replay: the purchases' donations (and the refunds that came first) as {@link #recordPurchases}
     * makes them, without their events or projections; those are rebuilt once from all the donations at the end
     * ({@link org.gongyi.donation.persistence.Projections#REBUILT_FROM_DONATIONS}).
     */
    public Uni<Void> replayPurchases(List<Received<PurchaseCompleted>> purchases) {
        return newDonations(purchases, created -> Uni.createFrom().voidItem()).replaceWithVoid();
    }

    /**
     * The donations the purchases make (the rules and projects of the whole run read with two queries, the rows
     * written with one statement that skips deals already recorded: unique order and item), then {@code announce}
     * for the rows written, then the refunds that came first applied to them; the rows written.
     */
    private Uni<List<Donation>> newDonations(
            List<Received<PurchaseCompleted>> purchases, Function<List<Donation>, Uni<Void>> announce) {
        List<Deal> deals = new ArrayList<>();
        Set<String> items = new LinkedHashSet<>();
        for (Received<PurchaseCompleted> received : purchases) {
            PurchaseCompleted p = received.data();
            UUID eventId = received.eventId();
            Map<String, Long> paidByItem = new LinkedHashMap<>();
            p.lines().forEach(l -> paidByItem.merge(l.itemId(), l.paidFen(), Math::addExact));
            paidByItem.forEach((item, paid) -> deals.add(new Deal(p, item, paid, eventId)));
            items.addAll(paidByItem.keySet());
        }
        return rules.ofItems(items).chain(rs -> {
            // a deal donates only under a rule its own seller set on the item
            Map<SellerItem, List<CharityRule>> rulesBySellerItem = new HashMap<>();
            rs.forEach(r -> rulesBySellerItem
                    .computeIfAbsent(new SellerItem(r.sellerId(), r.itemId()), k -> new ArrayList<>())
                    .add(r));
            Set<UUID> projectIds = new HashSet<>();
            rs.forEach(r -> projectIds.add(r.projectId()));
            return projects.all(projectIds).chain(ps -> {
                Map<UUID, CharityProject> projectById = new HashMap<>();
                ps.forEach(p -> projectById.put(p.id(), p));
                Set<OrderItem> seen = new HashSet<>();
                List<Donation> candidates = new ArrayList<>();
                for (Deal deal : deals) {
                    PurchaseCompleted p = deal.purchase();
                    String item = deal.itemId();
                    long paid = deal.paidFen();
                    CharityRule rule = inForce(
                            rulesBySellerItem.getOrDefault(new SellerItem(p.sellerId(), item), List.of()),
                            p.completedAt());
                    if (rule == null
                            || paid == 0
                            || !projectById.get(rule.projectId()).acceptsAt(p.completedAt())
                            || !seen.add(new OrderItem(p.orderId(), item))) {
                        continue;
                    }
                    candidates.add(newDonation(
                            p,
                            item,
                            paid,
                            rule,
                            rule.terms().rule().donationFor(paid),
                            clock.instant(),
                            deal.eventId()));
                }
                return donations
                        .insertNew(candidates)
                        .chain(created -> announce.apply(created)
                                // refunds that came first apply to the donations just made (a deal sent again makes
                                // none)
                                .chain(() -> created.isEmpty()
                                        ? Uni.createFrom().item(List.<String>of())
                                        : earlyRefunds.pendingOrders(created.stream()
                                                .map(Donation::orderId)
                                                .collect(Collectors.toCollection(LinkedHashSet::new))))
                                .chain(early -> each(early, this::applyEarlyRefunds))
                                .chain(() -> shopSales.record(sales(purchases)))
                                .replaceWith(created));
            });
        });
    }

    /** The purchases as enrolled mothers' shops count their sales: each order once, the sum of its lines. */
    private static List<ShopSales.Sale> sales(List<Received<PurchaseCompleted>> purchases) {
        Map<String, ShopSales.Sale> byOrder = new LinkedHashMap<>();
        for (Received<PurchaseCompleted> r : purchases) {
            PurchaseCompleted p = r.data();
            byOrder.putIfAbsent(
                    p.orderId(),
                    new ShopSales.Sale(
                            p.orderId(),
                            p.sellerId(),
                            p.lines().stream()
                                    .mapToLong(PurchaseCompleted.Line::paidFen)
                                    .reduce(0, Math::addExact),
                            p.completedAt(),
                            r.eventId()));
        }
        return List.copyOf(byOrder.values());
    }

    /** A deal's natural key: one donation per order and item. */
    private record OrderItem(String orderId, String itemId) {}

    private record SellerItem(String sellerId, String itemId) {}

    /** One item of one purchase: what was paid for it, and the event it came with. */
    private record Deal(PurchaseCompleted purchase, String itemId, long paidFen, UUID eventId) {}

    /** The version in force at {@code at} among a seller's rule versions for an item (newest first). */
    private static CharityRule inForce(List<CharityRule> newestFirst, Instant at) {
        for (CharityRule r : newestFirst) {
            if (!r.effectiveFrom().isAfter(at)
                    && (r.effectiveTo() == null || r.effectiveTo().isAfter(at))) {
                return r;
            }
        }
        return null;
    }

    /** One purchase (the event being applied): the same path as a run of one. */
    public Uni<Void> recordPurchase(PurchaseCompleted purchase) {
        return recordPurchases(List.of(Received.current(purchase)));
    }

    private static Donation newDonation(
            PurchaseCompleted purchase,
            String itemId,
            long paidFen,
            CharityRule rule,
            long amount,
            Instant now,
            UUID eventId) {
        return Donation.made(
                Ids.next(),
                purchase.orderId(),
                itemId,
                purchase.buyerId(),
                purchase.sellerId(),
                Province.of(purchase.province()).map(Province::displayName).orElse(null),
                rule.projectId(),
                rule.id(),
                rule.terms(),
                paidFen,
                amount,
                purchase.completedAt(),
                now,
                eventId);
    }

    /** A refund (the event being applied), once per refund whatever events carry it. */
    public Uni<Void> reverseRefund(OrderRefunded refund) {
        UUID eventId = Causation.current();
        return reversals
                .firstApplicationOfRefund(refund.refundKey(), refund.orderId(), eventId, clock.instant())
                .chain(first ->
                        first ? applyRefund(refund, eventId) : Uni.createFrom().voidItem());
    }

    private Uni<Void> applyRefund(OrderRefunded refund, UUID eventId) {
        String reason = refund.reason() == null ? DEFAULT_REASON : refund.reason();
        if (refund.wholeOrder()) {
            return donations
                    .ofOrderLocked(refund.orderId())
                    .chain(ds -> ds.isEmpty()
                            ? keepEarly(refund.orderId(), null, null, reason, refund.refundedAt(), eventId)
                            : each(ds, d -> refund(d, null, reason, eventId)));
        }
        return Multi.createFrom()
                .iterable(refund.lines())
                .onItem()
                .transformToUniAndConcatenate(line -> donations
                        .ofOrderItemLocked(refund.orderId(), line.itemId())
                        .chain(ds -> ds.isEmpty()
                                ? keepEarly(
                                        refund.orderId(),
                                        line.itemId(),
                                        line.refundedFen(),
                                        reason,
                                        refund.refundedAt(),
                                        eventId)
                                : refund(ds.get(0), line.refundedFen(), reason, eventId)))
                .collect()
                .last()
                .replaceWithVoid();
    }

    private Uni<Void> applyEarlyRefunds(String orderId) {
        return earlyRefunds
                .applyPending(orderId, clock.instant())
                .chain(early -> each(early, e -> {
                    Uni<List<Donation>> targets = e.itemId() == null
                            ? donations.ofOrderLocked(orderId)
                            : donations.ofOrderItemLocked(orderId, e.itemId());
                    return targets.chain(
                            ds -> each(ds, d -> refund(d, e.refundedFen(), e.reason(), e.sourceEventId())));
                }));
    }

    private Uni<Void> keepEarly(
            String orderId, String itemId, Long refundedFen, String reason, Instant at, UUID eventId) {
        return earlyRefunds
                .insert(new EarlyRefund(UUID.randomUUID(), orderId, itemId, refundedFen, reason, at, null, eventId))
                .replaceWithVoid();
    }

    /**
     * Refunds {@code requestedFen} of the deal (all that is left when null) and reverses its share of the donation;
     * {@code eventId} is the refund event's. {@code d} is read locked in this transaction.
     */
    private Uni<Void> refund(Donation d, Long requestedFen, String reason, UUID eventId) {
        long refundNow = Refunds.refundable(d.paidFen(), d.refundedFen(), requestedFen);
        if (refundNow <= 0) {
            return Uni.createFrom().voidItem();
        }
        long reversal = Refunds.reversalFor(d.amountFen(), d.paidFen(), d.refundedFen(), refundNow);
        Instant now = clock.instant();
        long reversedFen = d.reversedFen() + reversal;
        Instant reversedAt = reversedFen == d.amountFen() ? now : d.reversedAt();
        Uni<Integer> written = donations.refunded(d.id(), d.refundedFen() + refundNow, reversedFen, reversedAt);
        if (reversal == 0) {
            return written.replaceWithVoid();
        }
        DonationReversal r = new DonationReversal(
                Ids.next(), d.id(), d.projectId(), null, reversal, refundNow, reason, now, eventId);
        return written.chain(() -> reversals.insert(r))
                .chain(() -> projections.reversed(d.projectId(), reversal, now, eventId))
                .chain(() -> outbox.appendCaused(List.of(new Outbox.Caused(
                        new DonationReversed(
                                d.id().toString(),
                                r.id().toString(),
                                d.orderId(),
                                d.itemId(),
                                d.buyerId(),
                                d.projectId().toString(),
                                reversal,
                                reason,
                                now),
                        eventId,
                        null))))
                .replaceWithVoid();
    }

    private static <T> Uni<Void> each(List<T> items, Function<T, Uni<Void>> action) {
        return Multi.createFrom()
                .iterable(items)
                .onItem()
                .<Void>transformToUniAndConcatenate(action::apply)
                .collect()
                .last()
                .replaceWithVoid();
    }
}
