package org.gongyi.reunion.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.EventType;
import org.gongyi.events.contract.LocatorPosition;
import org.gongyi.events.inbox.Inbox;
import org.gongyi.events.replay.ReplayPlan;
import org.gongyi.events.replay.ReplayPlan.Feed;
import org.gongyi.reunion.ReunionConfig;
import org.gongyi.reunion.persistence.AuditPlan;
import org.gongyi.reunion.service.ElderService;

import java.time.Duration;

/** Locator positions move enrolled elders in and out of their safe zones; each event takes effect once. */
@ApplicationScoped
public class LocatorPositionsConsumer {

    static final String CONSUMER = "reunion-service.locator-positions";

    private final Inbox inbox;
    private final ElderService elders;
    private final Duration retention;

    public LocatorPositionsConsumer(Inbox inbox, ElderService elders, ReunionConfig config) {
        this.inbox = inbox;
        this.elders = elders;
        this.retention = config.positionRetention();
    }

    @Incoming("locator-positions")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.processPoll(CONSUMER, records, this::apply, null);
    }

    private Uni<Void> apply(EventEnvelope event) {
        return event.type() == EventType.LOCATOR_POSITION
                ? elders.record(event.dataAs(LocatorPosition.class))
                : Uni.createFrom().voidItem();
    }

    /** An auditor's replay of reunion-service: reunion.locator-positions again through this consumer's effects. */
    @Produces
    @Singleton
    ReplayPlan replayPlan() {
        return AuditPlan.of(new Feed("locator-positions", CONSUMER, this::apply, null), retention);
    }
}
