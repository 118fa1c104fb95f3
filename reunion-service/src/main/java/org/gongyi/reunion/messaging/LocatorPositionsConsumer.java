package org.gongyi.reunion.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.EventType;
import org.gongyi.events.Topic;
import org.gongyi.events.contract.LocatorPosition;
import org.gongyi.events.inbox.Inbox;
import org.gongyi.events.replay.ReplayPlan;
import org.gongyi.events.replay.ReplayPlan.Feed;
import org.gongyi.events.replay.ReplayPlan.Projection;
import org.gongyi.reunion.service.ElderService;

import java.time.Duration;
import java.util.List;

/** Locator positions move enrolled elders in and out of their safe zones; each event takes effect once. */
@ApplicationScoped
public class LocatorPositionsConsumer {

    static final String CONSUMER = "reunion-service.locator-positions";

    private final Inbox inbox;
    private final ElderService elders;
    private final Duration retention;

    public LocatorPositionsConsumer(
            Inbox inbox,
            ElderService elders,
            @ConfigProperty(name = "gongyi.reunion.position-retention") Duration retention) {
        this.inbox = inbox;
        this.elders = elders;
        this.retention = retention;
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

    /**
     * An auditor's replay of reunion-service: reunion.locator-positions again through the consumer's own effects, over
     * copies of the enrolled elders (safe zones, guardians) and the registered devices; then each elder's zone state
     * (with the time of the latest position), the exit alerts and the pushes to guardians compared with the live ones.
     * Stored positions are not: they are purged after the retention period. Positions are kept that long in the topic
     * too (and a replay skips older ones), so what is compared is what the retention period holds: the states of
     * elders seen within it and the exits within it. The pushes to guardians the replay emits are compared with the
     * pushes published, for exits within the push topic's week (less a day). Missing-child cases are commands (police
     * publish and close them): nothing to replay, but each case's state is compared with its published alert events.
     */
    @Produces
    @Singleton
    ReplayPlan replayPlan() {
        String since = "now() - interval '" + retention.toSeconds() + " seconds'";
        // the push topic keeps a week: exits of the last six days, whose pushes it surely still holds
        String pushesSince = "now() - interval '"
                + Topic.REUNION_PUSH.retention().orElseThrow().minusDays(1).toSeconds() + " seconds'";
        return new ReplayPlan(
                List.of(new Feed("locator-positions", CONSUMER, this::apply, null)),
                List.of("elder", "elder_guardian", "device"),
                List.of("update elder set zone_state = 'UNKNOWN', last_seen_at = null, last_event_id = null"),
                List.of(
                        new Projection(
                                "elder zone states",
                                "select cast(id as text) as elder, zone_state, last_seen_at, "
                                        + "cast(last_event_id as text) as last_event from elder where last_seen_at >= "
                                        + since,
                                1),
                        new Projection(
                                "exit alerts",
                                "select cast(elder_id as text) as elder, left_at, returned_at, "
                                        + "cast(source_event_id as text) as source_event, cast(returned_event_id as text) as "
                                        + "returned_event from elder_alert where left_at >= " + since,
                                2),
                        Projection.emittedAgainstPublished(
                                "guardian pushes vs published",
                                pushesToGuardians("outbox_event", "cast(payload as jsonb)", pushesSince),
                                pushesToGuardians("event_ledger", "payload", pushesSince),
                                1),
                        Projection.fromEvents(
                                "cases from published events",
                                "select cast(id as text) as case_id, " + "status, closure, outcome from missing_case",
                                "select key as case_id, case when bool_or(ce_type = 'reunion.alert-closed') then 'CLOSED' "
                                        + "else 'PUBLISHED' end as status, max(payload ->> 'closure') as closure, "
                                        + "max(payload ->> 'outcome') as outcome from event_ledger where ce_type in "
                                        + "('reunion.alert-published', 'reunion.alert-closed') group by key",
                                1)));
    }

    /** Exit pushes per elder, from a table of events ({@code payload} the jsonb of one) caused by exits since then. */
    private static String pushesToGuardians(String table, String payload, String since) {
        return """
                select %2$s ->> 'subjectId' as elder, count(*) as batches,
                       sum(jsonb_array_length(%2$s -> 'recipients')) as recipients
                from %1$s
                where ce_type = 'reunion.notification-batch' and %2$s ->> 'kind' = 'ELDER_LEFT_ZONE'
                  and caused_by in (select source_event_id from elder_alert where left_at >= %3$s)
                group by 1""".formatted(table, payload, since);
    }
}
