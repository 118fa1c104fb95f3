package org.gongyi.forest.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.EventType;
import org.gongyi.events.Received;
import org.gongyi.events.contract.LowCarbonActionRecorded;
import org.gongyi.events.inbox.Inbox;
import org.gongyi.events.replay.ReplayPlan;
import org.gongyi.events.replay.ReplayPlan.Feed;
import org.gongyi.forest.persistence.AuditPlan;
import org.gongyi.forest.service.EnergyLedger;

import java.util.List;

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

    /**
     * A poll's records in one transaction (see {@link Inbox#processBatch}). An action's natural key is its type and
     * source reference, so no processed-event record per event.
     */
    @Incoming("lowcarbon-actions")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.processPoll(CONSUMER, Inbox.Guard.NATURAL_KEYS, records, this::apply, actions);
    }

    /** Runs of consecutive actions are judged together and written set-based. */
    private final Inbox.RunEffect actions = Inbox.RunEffect.of(LowCarbonActionsConsumer::isAction, this::record);

    /** For an auditor's replay: runs of actions as live, without their events (see {@link #replayPlan}). */
    private final Inbox.RunEffect replayedActions =
            Inbox.RunEffect.of(LowCarbonActionsConsumer::isAction, this::replay);

    private static boolean isAction(EventEnvelope event) {
        return event.type() == EventType.LOWCARBON_ACTION_RECORDED;
    }

    private Uni<Void> record(List<EventEnvelope> run) {
        return ledger.recordAll(run.stream()
                .map(e -> Received.of(e, LowCarbonActionRecorded.class))
                .toList());
    }

    private Uni<Void> replay(List<EventEnvelope> run) {
        return ledger.replayAll(run.stream()
                .map(e -> Received.of(e, LowCarbonActionRecorded.class))
                .toList());
    }

    private Uni<Void> apply(EventEnvelope event) {
        return isAction(event)
                ? ledger.record(event.dataAs(LowCarbonActionRecorded.class))
                : Uni.createFrom().voidItem();
    }

    /** An auditor's replay of forest-service: lowcarbon.actions again through this consumer's effects. */
    @Produces
    @Singleton
    ReplayPlan replayPlan() {
        return AuditPlan.of(
                new Feed("lowcarbon-actions", CONSUMER, Inbox.Guard.NATURAL_KEYS, this::apply, replayedActions));
    }
}
