package org.gongyi.events.replay;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.gongyi.events.replay.ReplayReport.Difference;
import org.gongyi.events.replay.ReplayReport.PartitionRange;
import org.gongyi.events.replay.ReplayReport.ProjectionResult;
import org.gongyi.events.replay.ReplayReport.Status;
import org.gongyi.events.testapp.Actions;
import org.gongyi.events.testapp.PlumbingInfrastructure;
import org.gongyi.infra.KafkaTopics;
import org.gongyi.infra.test.EmbeddedTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.KafkaTestClient.Event;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.gongyi.events.testapp.Actions.TOPIC;
import static org.gongyi.events.testapp.Actions.awaitConsumed;
import static org.gongyi.events.testapp.Actions.event;
import static org.gongyi.events.testapp.Actions.longs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An auditor's replay of the test application ({@code ActionsConsumer}'s plan): the whole topic read again into the
 * shadow schema through the live consumer's own effect, the users' totals compared, live against replayed.
 */
@QuarkusTest
@WithTestResource(value = PlumbingInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "plumbing"))
class ReplayerTest {

    @Inject
    Replayer replayer;

    /** Some actions of two users, one of them delivered twice, and a record that is not an event, all consumed. */
    private static List<String> someActions() {
        String run = UUID.randomUUID().toString();
        List<String> users = List.of("replay-a-" + run, "replay-b-" + run);
        List<Event> events = new ArrayList<>();
        for (long q = 1; q <= 10; q++) {
            for (String u : users) {
                events.add(event(u, q * 10, u + "-" + q));
            }
        }
        events.add(events.getFirst());
        events.add(new Event(users.get(1), Actions.TYPE, UUID.randomUUID().toString(), "not json"));
        KafkaTestClient.sendEvents(TOPIC, events);
        awaitConsumed();
        return users;
    }

    private ReplayReport replayEverything() {
        replayer.start(ReplayRequest.EVERYTHING);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> replayer.latest().status().finished());
        ReplayReport report = replayer.latest();
        assertNull(report.error(), report.text());
        assertEquals(Status.DONE, report.status(), report.text());
        return report;
    }

    /** The records on the topic (every partition from offset 0), and those the live inbox dead-lettered. */
    private static long[] recordsAndDeadLetters() {
        long records = KafkaTopics.end(EmbeddedTestInfrastructure.bootstrapServers(), TOPIC);
        AtomicLong dead = new AtomicLong();
        KafkaTopics.readAll(EmbeddedTestInfrastructure.bootstrapServers(), "forest-service.dlq", r -> {
            if (TOPIC.equals(KafkaTestClient.header(r, "dead-letter-topic"))) {
                dead.incrementAndGet();
            }
        });
        return new long[] {records, dead.get()};
    }

    private static long users() throws Exception {
        return Actions.count("select count(*) from action_total");
    }

    @Test
    void aReplayOfTheTopicRebuildsTheProjectionAndFindsItConsistent() throws Exception {
        List<String> users = someActions();
        for (String u : users) {
            assertEquals(List.of(10L), longs("select actions from action_total where user_id = ?", u));
            assertEquals(List.of(550L), longs("select quantity from action_total where user_id = ?", u));
        }
        long[] expected = recordsAndDeadLetters();
        ReplayReport report = replayEverything();

        assertEquals(Boolean.TRUE, report.consistent(), report.text());
        assertEquals(0L, report.differences());
        // every record of every partition, from its beginning, was read; those the live inbox dead-lettered skipped
        assertEquals(expected[0], report.eventsTotal(), report.text());
        assertEquals(expected[0], report.eventsRead(), report.text());
        assertEquals(expected[1], report.eventsSkipped(), report.text());
        assertTrue(expected[1] >= 1, "the record that is not an event was dead-lettered");
        assertEquals(12, report.range().partitions().size());
        for (PartitionRange p : report.range().partitions()) {
            assertEquals(TOPIC, p.topic());
            assertEquals(0, p.from());
        }
        long live = users();
        ProjectionResult totals = report.projections().getFirst();
        assertEquals("action totals", totals.name());
        assertEquals(live, totals.liveRows());
        assertEquals(live, totals.replayRows());
        assertEquals(live, totals.compared());
        assertEquals(live, totals.equal());
        assertEquals(0, totals.differences());
        // the shadow schema is emptied once the replay has ended
        assertEquals(0L, Actions.count("select count(*) from plumbing_audit.action_total"));
    }

    @Test
    void aReplayFindsRowsChangedAndRemovedByHand() throws Exception {
        List<String> users = someActions();
        String altered = users.get(0);
        String removed = users.get(1);
        assertEquals(1, Actions.execute("update action_total set quantity = quantity + 7 where user_id = ?", altered));
        assertEquals(1, Actions.execute("delete from action_total where user_id = ?", removed));
        try {
            ReplayReport report = replayEverything();

            assertEquals(Boolean.FALSE, report.consistent(), report.text());
            assertEquals(2L, report.differences(), report.text());
            ProjectionResult totals = report.projections().getFirst();
            long live = users();
            assertEquals(live, totals.liveRows());
            assertEquals(live + 1, totals.replayRows());
            assertEquals(live + 1, totals.compared());
            assertEquals(live - 1, totals.equal());
            assertEquals(1, totals.different());
            assertEquals(0, totals.onlyInLive());
            assertEquals(1, totals.onlyInReplay());
            // ordered by key: "replay-a-…" before "replay-b-…"
            assertEquals(2, totals.firstDifferences().size());
            Difference changed = totals.firstDifferences().get(0);
            assertEquals("different", changed.kind());
            assertEquals(Map.of("user_id", altered), changed.key());
            assertEquals(Map.of("quantity", 557), changed.live());
            assertEquals(Map.of("quantity", 550), changed.replay());
            Difference missing = totals.firstDifferences().get(1);
            assertEquals("only in replay", missing.kind());
            assertEquals(Map.of("user_id", removed), missing.key());
            assertNull(missing.live());
            assertEquals(Map.of("actions", 10, "quantity", 550), missing.replay());
        } finally {
            Actions.execute("update action_total set quantity = quantity - 7 where user_id = ?", altered);
            Actions.execute("insert into action_total (user_id, actions, quantity) values (?, 10, 550)", removed);
        }
    }
}
