package org.gongyi.donation.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gongyi.donation.persistence.AuditPlan;
import org.gongyi.donation.service.DonationLedger;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.EventType;
import org.gongyi.events.Received;
import org.gongyi.events.contract.OrderRefunded;
import org.gongyi.events.contract.PurchaseCompleted;
import org.gongyi.events.inbox.Inbox;
import org.gongyi.events.replay.ReplayPlan;
import org.gongyi.events.replay.ReplayPlan.Feed;

import java.util.List;

/** Completed purchases become donations, refunds become reversals; each event takes effect once. */
@ApplicationScoped
public class CommerceOrdersConsumer {

    static final String CONSUMER = "donation-service.commerce-orders";

    private final Inbox inbox;
    private final DonationLedger ledger;

    public CommerceOrdersConsumer(Inbox inbox, DonationLedger ledger) {
        this.inbox = inbox;
        this.ledger = ledger;
    }

    /**
     * A poll's records in one transaction (see {@link Inbox#processBatch}). Every effect has a natural key (a deal is
     * its order and item, a refund its refund key), so no processed-event record per event.
     */
    @Incoming("commerce-orders")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.processPoll(CONSUMER, Inbox.Guard.NATURAL_KEYS, records, this::apply, purchases);
    }

    /** Runs of consecutive purchase-completed events are recorded set-based. */
    private final Inbox.RunEffect purchases = Inbox.RunEffect.of(CommerceOrdersConsumer::isPurchase, this::record);

    /**
     * For an auditor's replay: runs of purchases make their donations (and apply the refunds that came first) as
     * live, without their events and projections, which the plan rebuilds once at the end.
     */
    private final Inbox.RunEffect replayedPurchases =
            Inbox.RunEffect.of(CommerceOrdersConsumer::isPurchase, this::replay);

    private static boolean isPurchase(EventEnvelope event) {
        return event.type() == EventType.PURCHASE_COMPLETED;
    }

    private Uni<Void> record(List<EventEnvelope> run) {
        return ledger.recordPurchases(
                run.stream().map(e -> Received.of(e, PurchaseCompleted.class)).toList());
    }

    private Uni<Void> replay(List<EventEnvelope> run) {
        return ledger.replayPurchases(
                run.stream().map(e -> Received.of(e, PurchaseCompleted.class)).toList());
    }

    private Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case PURCHASE_COMPLETED -> ledger.recordPurchase(event.dataAs(PurchaseCompleted.class));
            case ORDER_REFUNDED -> ledger.reverseRefund(event.dataAs(OrderRefunded.class));
            default -> Uni.createFrom().voidItem();
        };
    }

    /** An auditor's replay of donation-service: commerce.orders again through this consumer's code. */
    @Produces
    @Singleton
    ReplayPlan replayPlan() {
        return AuditPlan.of(
                new Feed("commerce-orders", CONSUMER, Inbox.Guard.NATURAL_KEYS, this::apply, replayedPurchases));
    }
}
