package org.gongyi.forest.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.EventType;
import org.gongyi.events.contract.LowCarbonActionRecorded;
import org.gongyi.events.inbox.Inbox;
import org.gongyi.forest.service.EnergyLedger;


/** Reported low-carbon actions become energy balls; each event takes effect once. */
@ApplicationScoped
public class LowCarbonActionsConsumer {

    static final String CONSUMER = "forest-service.lowcarbon-actions";

    private final Inbox inbox;
    private final EnergyLedger ledger;

    public LowCarbonActionsConsumer(Inbox inbox, EnergyLedger ledger) {
        this.inbox = inbox;
        this.ledger = ledger;
    }

    /** A poll's records in one transaction (see {@link Inbox#processBatch}). */
    @Incoming("lowcarbon-actions")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.processPoll(CONSUMER, records, this::apply, null);
    }

    private Uni<Void> apply(EventEnvelope event) {
        return event.type() == EventType.LOWCARBON_ACTION_RECORDED
                ? ledger.record(event.dataAs(LowCarbonActionRecorded.class))
                : Uni.createFrom().voidItem();
    }
}
