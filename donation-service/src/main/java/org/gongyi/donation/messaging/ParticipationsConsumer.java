package org.gongyi.donation.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gongyi.donation.persistence.LuckyPools;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.EventType;
import org.gongyi.events.contract.ParticipationCounted;
import org.gongyi.events.inbox.Inbox;

import java.util.List;
import java.util.UUID;

/**
 * Campaign participations counted by volunteer-service become chances at the campaign's lucky bags: one per fact and
 * campaign, however often it is delivered.
 */
@ApplicationScoped
public class ParticipationsConsumer {

    static final String CONSUMER = "donation-service.participations";

    private final Inbox inbox;
    private final LuckyPools pools;
    /** Runs of participations are recorded with one statement. */
    private final Inbox.RunEffect chances;

    public ParticipationsConsumer(Inbox inbox, LuckyPools pools) {
        this.inbox = inbox;
        this.pools = pools;
        this.chances = Inbox.RunEffect.of(e -> e.type() == EventType.PARTICIPATION_COUNTED, this::addChances);
    }

    /** A poll's records in one transaction; a chance's natural key (campaign, participation) keeps it once. */
    @Incoming("participations")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.processPoll(CONSUMER, Inbox.Guard.NATURAL_KEYS, records, this::apply, chances);
    }

    private Uni<Void> addChances(List<EventEnvelope> run) {
        return pools.addChances(run.stream().map(ParticipationsConsumer::chance).toList());
    }

    private Uni<Void> apply(EventEnvelope event) {
        return event.type() == EventType.PARTICIPATION_COUNTED
                ? addChances(List.of(event))
                : Uni.createFrom().voidItem();
    }

    private static LuckyPools.Chance chance(EventEnvelope event) {
        ParticipationCounted p = event.dataAs(ParticipationCounted.class);
        return new LuckyPools.Chance(
                UUID.fromString(p.campaignId()),
                UUID.fromString(p.participationId()),
                p.personId(),
                p.occurredAt(),
                event.id());
    }
}
