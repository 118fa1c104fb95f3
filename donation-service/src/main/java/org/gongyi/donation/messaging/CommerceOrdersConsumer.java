package org.gongyi.donation.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gongyi.donation.service.DonationLedger;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.contract.OrderRefunded;
import org.gongyi.events.contract.PurchaseCompleted;
import org.gongyi.events.inbox.Inbox;

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

    /** A poll's records in one transaction (see {@link Inbox#processBatch}). */
    @Incoming("commerce-orders")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.processPoll(CONSUMER, records, this::apply, purchases);
    }

    /** Runs of consecutive purchase-completed events are recorded set-based. */
    private final Inbox.RunEffect purchases = new Inbox.RunEffect() {
        @Override
        public boolean accepts(EventEnvelope event) {
            return event.type() == org.gongyi.events.EventType.PURCHASE_COMPLETED;
        }

        @Override
        public Uni<Void> apply(List<EventEnvelope> run) {
            return ledger.recordPurchases(run.stream().map(e -> e.dataAs(PurchaseCompleted.class)).toList());
        }
    };

    private Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case PURCHASE_COMPLETED -> ledger.recordPurchase(event.dataAs(PurchaseCompleted.class));
            case ORDER_REFUNDED -> ledger.reverseRefund(event.dataAs(OrderRefunded.class));
            default -> Uni.createFrom().voidItem();
        };
    }
}
