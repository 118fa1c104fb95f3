package org.gongyi.events.inbox;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gongyi.events.EventType;
import org.gongyi.events.InvalidEventException;
import org.gongyi.events.testapp.Actions;
import org.gongyi.events.testapp.ActionsConsumer;
import org.gongyi.events.testapp.PlumbingInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.KafkaTestClient.Event;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.gongyi.events.testapp.Actions.TOPIC;
import static org.gongyi.events.testapp.Actions.applied;
import static org.gongyi.events.testapp.Actions.awaitConsumed;
import static org.gongyi.events.testapp.Actions.event;
import static org.gongyi.events.testapp.Actions.longs;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The inbox under a real batch consumer ({@link ActionsConsumer}): records sent to the real broker, effects and
 * processed-event records read from the real database.
 */
@QuarkusTest
@WithTestResource(value = PlumbingInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "plumbing"))
class InboxTest {

    private static final String DEAD_LETTERS = "forest-service.dlq";

    private static String user(String what) {
        return "inbox-" + what + "-" + UUID.randomUUID();
    }

    private static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    private static List<Long> total(String user) throws Exception {
        List<Long> total = new ArrayList<>(longs("select actions from action_total where user_id = ?", user));
        total.addAll(longs("select quantity from action_total where user_id = ?", user));
        return total;
    }

    private static long processed(List<Event> events) throws Exception {
        return longs(
                        "select count(*) from inbox_processed where consumer = '" + ActionsConsumer.CONSUMER
                                + "' and cast(event_id as text) = any(string_to_array(?, ','))",
                        events.stream().map(Event::ceId).collect(Collectors.joining(",")))
                .getFirst();
    }

    @Test
    void anEventTakesEffectOnceHoweverOftenItIsDeliveredWithTheSameId() throws Exception {
        String user = user("again");
        List<Event> events = new ArrayList<>();
        for (long q = 1; q <= 5; q++) {
            events.add(event(user, q, user + "-" + q));
        }
        // each twice in a row (one poll, most likely: the duplicate in the same batch) ...
        List<Event> twice = new ArrayList<>();
        events.forEach(e -> twice.addAll(List.of(e, e)));
        KafkaTestClient.sendEvents(TOPIC, twice);
        awaitConsumed();
        assertEquals(oneTo(5), applied(user));
        assertEquals(List.of(5L, 15L), total(user));
        assertEquals(5, processed(events));

        // ... and all again, last first, once they were processed (the duplicate in a later batch)
        KafkaTestClient.sendEvents(TOPIC, events.reversed());
        awaitConsumed();
        assertEquals(oneTo(5), applied(user));
        assertEquals(List.of(5L, 15L), total(user));
        assertEquals(5, processed(events));
    }

    @Test
    void theEventsOfAKeyTakeEffectInTheOrderTheyWereSent() throws Exception {
        List<String> users = List.of(user("order-a"), user("order-b"), user("order-c"), user("order-d"));
        List<Event> events = new ArrayList<>();
        for (long q = 1; q <= 25; q++) {
            for (String u : users) {
                events.add(event(u, q, u + "-" + q));
            }
        }
        KafkaTestClient.sendEvents(TOPIC, events);
        awaitConsumed();
        for (String u : users) {
            assertEquals(oneTo(25), applied(u), u);
            assertEquals(List.of(25L, 325L), total(u), u);
        }
    }

    @Test
    void aFailedEffectLeavesNothingBehindAndTakesEffectOnceWhenRetried() throws Exception {
        String user = user("retry");
        String failing = ActionsConsumer.FAIL_ONCE + UUID.randomUUID();
        List<Event> events = List.of(event(user, 1, user + "-1"), event(user, 2, failing), event(user, 3, user + "-3"));
        KafkaTestClient.sendEvents(TOPIC, events);
        awaitConsumed();
        // the failed attempt had written its rows and marked the events processed: all of it rolled back, then retried
        assertEquals(2, ActionsConsumer.ATTEMPTS.get(failing).get());
        assertEquals(oneTo(3), applied(user));
        assertEquals(List.of(3L, 6L), total(user));
        assertEquals(3, processed(events));
    }

    @Test
    void invalidOversizedAndMisplacedRecordsAreDeadLetteredUnchangedAndTheOthersTakeEffect() throws Exception {
        String user = user("dead");
        String notJson = "{\"userId\": \"" + user + "\", ";
        String oversized = Actions.json(user, 9, "x".repeat(70_000));
        String treePlanted = new String(InboxTest.class
                        .getResourceAsStream("/samples/forest.tree-planted.json")
                        .readAllBytes())
                .replace("u-1", user);
        Event invalid = new Event(user, Actions.TYPE, UUID.randomUUID().toString(), notJson);
        Event tooLarge = new Event(user, Actions.TYPE, UUID.randomUUID().toString(), oversized);
        Event misplaced = new Event(
                user, EventType.TREE_PLANTED.ceType(), UUID.randomUUID().toString(), treePlanted);
        KafkaTestClient.sendEvents(
                TOPIC,
                List.of(
                        event(user, 1, user + "-1"),
                        invalid,
                        event(user, 2, user + "-2"),
                        tooLarge,
                        misplaced,
                        event(user, 3, user + "-3")));
        awaitConsumed();
        assertEquals(oneTo(3), applied(user));

        Set<String> bad = Set.of(invalid.ceId(), tooLarge.ceId(), misplaced.ceId());
        List<ConsumerRecord<String, String>> read = KafkaTestClient.readUntil(
                DEAD_LETTERS,
                Duration.ofSeconds(60),
                rs -> rs.stream().filter(r -> user.equals(r.key())).count() >= 3);
        Map<String, ConsumerRecord<String, String>> dead = read.stream()
                .filter(r -> user.equals(r.key()))
                .collect(Collectors.toMap(r -> KafkaTestClient.header(r, "ce_id"), Function.identity()));
        assertEquals(bad, dead.keySet());
        for (Event e : List.of(invalid, tooLarge, misplaced)) {
            ConsumerRecord<String, String> d = dead.get(e.ceId());
            KafkaTestClient.Sent sent = KafkaTestClient.sent(e.ceId()).orElseThrow();
            assertEquals(e.json(), d.value());
            assertEquals(e.ceType(), KafkaTestClient.header(d, "ce_type"));
            assertEquals(TOPIC, KafkaTestClient.header(d, "dead-letter-topic"));
            assertEquals(String.valueOf(sent.partition()), KafkaTestClient.header(d, "dead-letter-partition"));
            assertEquals(String.valueOf(sent.offset()), KafkaTestClient.header(d, "dead-letter-offset"));
            assertEquals(InvalidEventException.class.getName(), KafkaTestClient.header(d, "dead-letter-cause"));
        }
        assertEquals(
                "oversized: " + oversized.length() + " bytes, the limit is 65536",
                KafkaTestClient.header(dead.get(tooLarge.ceId()), "dead-letter-reason"));
        assertEquals(
                "forest.tree-planted belongs on topic forest.events, not on " + TOPIC,
                KafkaTestClient.header(dead.get(misplaced.ceId()), "dead-letter-reason"));
        // nothing of them was recorded as processed
        assertEquals(
                0,
                longs(
                                "select count(*) from inbox_processed where cast(event_id as text) = any(string_to_array(?, ','))",
                                String.join(",", bad))
                        .getFirst());
    }
}
