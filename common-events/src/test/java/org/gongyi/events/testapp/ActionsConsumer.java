package org.gongyi.events.testapp;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gongyi.common.persistence.Db;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.contract.LowCarbonActionRecorded;
import org.gongyi.events.inbox.Inbox;
import org.gongyi.events.replay.ReplayPlan;
import org.gongyi.events.replay.ReplayPlan.Feed;
import org.gongyi.events.replay.ReplayPlan.Projection;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test application's consumer, as a service writes one: low-carbon actions in batches through the inbox, each
 * applied as a row of {@code action_applied} (no key of its own: an action applied twice is two rows) and added to the
 * user's {@code action_total}; and the replay plan that applies them again and compares the totals. An action whose
 * {@code sourceRef} starts with {@link #FAIL_ONCE} fails the first time it is applied, after writing its rows.
 */
@ApplicationScoped
public class ActionsConsumer {

    public static final String CONSUMER = "plumbing-test.actions";
    public static final String GROUP = "plumbing-test";
    public static final String FAIL_ONCE = "fail-once-";

    /** How many times each fail-once action was applied (committed or not). */
    public static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    private static final String APPLIED = """
            insert into action_applied (event_id, user_id, source_ref, quantity) values ($1, $2, $3, $4)""";

    private static final String ADD_TO_TOTAL = """
            insert into action_total (user_id, actions, quantity) values ($1, 1, $2)
            on conflict (user_id) do update
                set actions = action_total.actions + 1, quantity = action_total.quantity + excluded.quantity""";

    private final Inbox inbox;
    private final Db db;

    public ActionsConsumer(Inbox inbox, Db db) {
        this.inbox = inbox;
        this.db = db;
    }

    @Incoming("actions")
    public Uni<Void> actions(ConsumerRecords<String, String> poll) {
        return inbox.processPoll(CONSUMER, poll, this::apply, null);
    }

    private Uni<Void> apply(EventEnvelope event) {
        LowCarbonActionRecorded a = event.dataAs(LowCarbonActionRecorded.class);
        Uni<Void> applied = db.update(APPLIED, event.id(), a.userId(), a.sourceRef(), a.quantity())
                .chain(() -> db.update(ADD_TO_TOTAL, a.userId(), a.quantity()))
                .replaceWithVoid();
        if (!a.sourceRef().startsWith(FAIL_ONCE)) {
            return applied;
        }
        return applied.chain(() -> {
            int attempt = ATTEMPTS.computeIfAbsent(a.sourceRef(), r -> new AtomicInteger())
                    .incrementAndGet();
            return attempt == 1
                    ? Uni.createFrom().failure(new IllegalStateException("failing once: " + a.sourceRef()))
                    : Uni.createFrom().voidItem();
        });
    }

    /** The replay: the actions again through the same effect, the totals compared (by user). */
    @Produces
    @Singleton
    ReplayPlan replayPlan() {
        return new ReplayPlan(
                List.of(new Feed("actions", CONSUMER, this::apply, null)),
                List.of(),
                List.of(),
                List.of(new Projection(
                        "action totals", "select user_id, actions, quantity from action_total order by user_id", 1)));
    }
}
