package org.gongyi.events.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.gongyi.common.persistence.Db;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.contract.LowCarbonActionRecorded;
import org.gongyi.events.testapp.Actions;
import org.gongyi.events.testapp.PlumbingInfrastructure;
import org.gongyi.infra.KafkaTopics;
import org.gongyi.infra.test.EmbeddedTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.gongyi.events.testapp.Actions.TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox relay against the real broker and database. The application's own relay is disabled here
 * ({@code gongyi.outbox.relay.enabled=false}): each test starts relays of its own, as a service instance starts one,
 * and stops them, as an instance going away does. The fallback poll is a minute (the tests' default), so what is
 * published within {@link #PATIENCE} was found on the outbox's NOTIFY (or by the pass a relay makes when it starts and
 * once it listens).
 */
@QuarkusTest
@WithTestResource(value = PlumbingInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "plumbing"))
class OutboxRelayTest {

    /** Longer than anything here takes, shorter than the relay's fallback poll: what is published was woken for. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The relays' metrics (the application has no registry that keeps any). */
    private static final MeterRegistry METERS = new SimpleMeterRegistry();

    private static final String RELAY_LOCK = "hashtext(current_schema() || '.gongyi_outbox_relay')";

    @Inject
    Outbox outbox;

    @Inject
    Db db;

    @Inject
    Pool pool;

    @Inject
    @Channel("gongyi-outbox")
    MutinyEmitter<String> emitter;

    @Inject
    KafkaClientService kafka;

    @Inject
    Vertx vertx;

    @Inject
    OutboxRelayConfig config;

    @Inject
    Tracer tracer;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    /** A relay as a service instance runs one (the application's settings, enabled), started. */
    private OutboxRelay startRelay() {
        return startRelay(config.batchBytes());
    }

    /** The same, reading at most {@code batchBytes} of payload a pass. */
    private OutboxRelay startRelay(int batchBytes) {
        OutboxRelayConfig enabled = new OutboxRelayConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int batchSize() {
                return config.batchSize();
            }

            @Override
            public int batchBytes() {
                return batchBytes;
            }

            @Override
            public Duration pollInterval() {
                return config.pollInterval();
            }

            @Override
            public Duration maxBackoff() {
                return config.maxBackoff();
            }

            @Override
            public Duration sendTimeout() {
                return config.sendTimeout();
            }
        };
        OutboxRelay relay = new OutboxRelay(pool, emitter, kafka, vertx, enabled, METERS, tracer);
        relay.onStart(null, url, user, password);
        return relay;
    }

    /** {@code perKey} actions for each of {@code keys}, interleaved: key 0's first, key 1's first, … */
    private static List<LowCarbonActionRecorded> actions(List<String> keys, int perKey) {
        List<LowCarbonActionRecorded> actions = new ArrayList<>();
        for (int q = 1; q <= perKey; q++) {
            for (String k : keys) {
                actions.add(new LowCarbonActionRecorded(
                        k, "WALKING", q, Instant.parse("2026-05-01T10:00:00Z"), k + "-" + q, null, null));
            }
        }
        return actions;
    }

    private static List<String> keys(String test, int n) {
        String run = UUID.randomUUID().toString();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add("outbox-" + test + "-" + i + "-" + run);
        }
        return keys;
    }

    /** Appends the events one by one in one transaction, then {@code andThen} in it; their ids in order. */
    private List<String> append(List<LowCarbonActionRecorded> actions, Supplier<Uni<Void>> andThen) throws Throwable {
        List<EventEnvelope> events = actions.stream().map(outbox::envelope).toList();
        VertxContextSupport.subscribeAndAwait(() -> db.transaction(() -> Multi.createFrom()
                .iterable(events)
                .onItem()
                .transformToUniAndConcatenate(outbox::append)
                .collect()
                .last()
                .chain(() -> andThen.get())));
        return events.stream().map(e -> e.id().toString()).toList();
    }

    private List<String> append(List<LowCarbonActionRecorded> actions) throws Throwable {
        return append(actions, () -> Uni.createFrom().voidItem());
    }

    /** Waits until every one of {@code ids} is on the topic; returns those records, by partition in offset order. */
    private static List<ConsumerRecord<String, String>> awaitPublished(List<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        List<ConsumerRecord<String, String>> read = KafkaTestClient.readUntil(
                TOPIC, PATIENCE, rs -> ids(ours(rs, wanted)).containsAll(wanted));
        List<ConsumerRecord<String, String>> ours = ours(read, wanted);
        assertEquals(wanted, ids(ours));
        return ours;
    }

    private static Set<String> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> KafkaTestClient.header(r, "ce_id")).collect(Collectors.toSet());
    }

    private static List<ConsumerRecord<String, String>> ours(
            List<ConsumerRecord<String, String>> records, Set<String> ids) {
        return records.stream()
                .filter(r -> ids.contains(KafkaTestClient.header(r, "ce_id")))
                .sorted(Comparator.<ConsumerRecord<String, String>>comparingInt(ConsumerRecord::partition)
                        .thenComparingLong(ConsumerRecord::offset))
                .toList();
    }

    /** How many times each of {@code ids} is on the topic now, read from its beginning to its end. */
    private static Map<String, Integer> copies(List<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        Map<String, Integer> copies = new HashMap<>();
        KafkaTopics.readAll(EmbeddedTestInfrastructure.bootstrapServers(), TOPIC, r -> {
            String id = KafkaTestClient.header(r, "ce_id");
            if (wanted.contains(id)) {
                copies.merge(id, 1, Integer::sum);
            }
        });
        return copies;
    }

    private static Map<String, Integer> once(List<String> ids) {
        return ids.stream().collect(Collectors.toMap(id -> id, id -> 1));
    }

    /** Each key's event ids as they are on the topic. */
    private static Map<String, List<String>> idsByKey(List<ConsumerRecord<String, String>> records) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        records.forEach(
                r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(KafkaTestClient.header(r, "ce_id")));
        return byKey;
    }

    /** Each key's event ids as they were appended. */
    private static Map<String, List<String>> idsByKey(List<LowCarbonActionRecorded> actions, List<String> ids) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            byKey.computeIfAbsent(actions.get(i).userId(), k -> new ArrayList<>())
                    .add(ids.get(i));
        }
        return byKey;
    }

    private static long scalar(String sql) throws Exception {
        try (Connection c = EmbeddedTestInfrastructure.serviceConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits until the relay has moved {@code published_through} past every row appended so far. */
    private static void awaitAllMarkedPublished() throws Exception {
        long last = scalar("select max(id) from outbox_event");
        await().atMost(PATIENCE).until(() -> scalar("select published_through from outbox_relay") >= last);
        assertEquals(0, scalar("select count(*) from outbox_pending"));
    }

    @Test
    void theRowsOfATransactionArePublishedToTheirTopicOnceEachInOrderPerKey() throws Throwable {
        OutboxRelay relay = startRelay();
        try {
            List<LowCarbonActionRecorded> actions = actions(keys("order", 4), 30);
            List<String> ids = append(actions);
            List<ConsumerRecord<String, String>> published = awaitPublished(ids);
            assertEquals(idsByKey(actions, ids), idsByKey(published));
            for (ConsumerRecord<String, String> r : published) {
                LowCarbonActionRecorded a = actions.get(ids.indexOf(KafkaTestClient.header(r, "ce_id")));
                assertEquals(a.userId(), r.key());
                assertEquals(Actions.TYPE, KafkaTestClient.header(r, "ce_type"));
                assertEquals("plumbing-test", KafkaTestClient.header(r, "ce_source"));
                assertEquals(a.sourceRef(), KafkaTestClient.header(r, "ce_subject"));
                assertEquals(EventCodec.get().toJson(a), r.value());
            }
            // published_through moves past a row only once Kafka acknowledged it; then every row is there once
            awaitAllMarkedPublished();
            assertEquals(once(ids), copies(ids));
        } finally {
            relay.onStop(null);
        }
    }

    /** Passes cut by bytes (a reunion push's batches are ~50 KB each): each takes what fits, the rest follow in order. */
    @Test
    void passesStopAtTheirBytesAndTheRestFollowInOrder() throws Throwable {
        OutboxRelay relay = startRelay(1_000);
        try {
            List<LowCarbonActionRecorded> actions = actions(keys("bytes", 3), 40);
            assertTrue(EventCodec.get().toJson(actions.get(0)).length() * 5 > 1_000, "several passes");
            List<String> ids = append(actions);
            List<ConsumerRecord<String, String>> published = awaitPublished(ids);
            assertEquals(idsByKey(actions, ids), idsByKey(published));
            awaitAllMarkedPublished();
            assertEquals(once(ids), copies(ids));
        } finally {
            relay.onStop(null);
        }
    }

    @Test
    void aRolledBackTransactionPublishesNothing() throws Throwable {
        OutboxRelay relay = startRelay();
        try {
            List<LowCarbonActionRecorded> rolledBack = actions(keys("rollback", 2), 5);
            List<String> rolledBackIds = new ArrayList<>();
            IllegalStateException failure = assertThrows(
                    IllegalStateException.class,
                    () -> rolledBackIds.addAll(append(
                            rolledBack, () -> Uni.createFrom().failure(new IllegalStateException("rolled back")))));
            assertEquals("rolled back", failure.getMessage());
            assertEquals(0, scalar("select count(*) from outbox_event where partition_key like 'outbox-rollback-%'"));
            // the ids the rolled-back rows had taken are a hole in the outbox: the relay passes it (once it knows no
            // writer can fill it any more) and publishes the row committed after it; none of the rolled-back rows
            List<LowCarbonActionRecorded> after = actions(keys("after-rollback", 1), 1);
            List<String> afterIds = append(after);
            awaitPublished(afterIds);
            awaitAllMarkedPublished();
            assertEquals(once(afterIds), copies(afterIds));
            Map<String, Integer> rolledBackCopies = new HashMap<>();
            KafkaTopics.readAll(EmbeddedTestInfrastructure.bootstrapServers(), TOPIC, r -> {
                if (r.key() != null && r.key().startsWith("outbox-rollback-")) {
                    rolledBackCopies.merge(r.key(), 1, Integer::sum);
                }
            });
            assertEquals(Map.of(), rolledBackCopies);
        } finally {
            relay.onStop(null);
        }
    }

    @Test
    void aRelayStartedAgainPublishesWhatWasAppendedMeanwhileAndNothingTwice() throws Throwable {
        List<LowCarbonActionRecorded> before = actions(keys("restart-before", 2), 10);
        List<LowCarbonActionRecorded> meanwhile = actions(keys("restart-meanwhile", 2), 10);
        List<String> beforeIds;
        List<String> meanwhileIds;
        OutboxRelay first = startRelay();
        try {
            beforeIds = append(before);
            awaitPublished(beforeIds);
            awaitAllMarkedPublished();
        } finally {
            first.onStop(null);
        }
        // no relay runs: what is appended now waits in the outbox (the relays' lock, held here while it is appended,
        // keeps a pass of the stopped relay that may still be under way from taking it)
        try (Connection c = EmbeddedTestInfrastructure.serviceConnection();
                Statement s = c.createStatement()) {
            s.execute("select pg_advisory_lock(" + RELAY_LOCK + ")");
            meanwhileIds = append(meanwhile);
            s.execute("select pg_advisory_unlock(" + RELAY_LOCK + ")");
        }
        assertEquals(meanwhileIds.size(), scalar("select count(*) from outbox_pending"));
        OutboxRelay second = startRelay();
        try {
            List<ConsumerRecord<String, String>> published = awaitPublished(meanwhileIds);
            assertEquals(idsByKey(meanwhile, meanwhileIds), idsByKey(published));
            awaitAllMarkedPublished();
            assertEquals(once(beforeIds), copies(beforeIds));
            assertEquals(once(meanwhileIds), copies(meanwhileIds));
        } finally {
            second.onStop(null);
        }
    }

    private static double holes(String outcome) {
        var counter =
                METERS.find("gongyi.outbox.relay.holes").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aRowCommittedAfterOneWithAHigherIdIsStillPublishedFirst() throws Throwable {
        OutboxRelay relay = startRelay();
        try {
            String key = keys("hole", 1).getFirst();
            LowCarbonActionRecorded first = actions(List.of(key), 1).getFirst();
            LowCarbonActionRecorded second =
                    new LowCarbonActionRecorded(key, "WALKING", 2, first.occurredAt(), key + "-2", null, null);
            EventEnvelope firstEvent = outbox.envelope(first);
            double busyBefore = holes("writers-busy");
            List<String> secondIds;
            // the first row's transaction takes its id, then stays open while the second row is appended and committed
            try (Connection writer = EmbeddedTestInfrastructure.serviceConnection()) {
                writer.setAutoCommit(false);
                try (PreparedStatement insert = writer.prepareStatement(
                        "insert into outbox_event (event_id, topic, partition_key, ce_type, ce_source, ce_subject,"
                                + " ce_time, payload) values (?, ?, ?, ?, ?, ?, now(), ?)")) {
                    insert.setObject(1, firstEvent.id());
                    insert.setString(2, TOPIC);
                    insert.setString(3, key);
                    insert.setString(4, Actions.TYPE);
                    insert.setString(5, firstEvent.source());
                    insert.setString(6, first.sourceRef());
                    insert.setString(7, EventCodec.get().toJson(first));
                    insert.executeUpdate();
                }
                secondIds = append(List.of(second));
                // the relay finds the second row behind a hole whose writer is still at work: it does not pass it
                await().atMost(PATIENCE).until(() -> holes("writers-busy") > busyBefore);
                long secondRow = scalar("select id from outbox_event where event_id = '" + secondIds.getFirst() + "'");
                assertTrue(scalar("select published_through from outbox_relay") < secondRow);
                writer.commit();
            }
            List<String> ids = List.of(firstEvent.id().toString(), secondIds.getFirst());
            assertEquals(Map.of(key, ids), idsByKey(awaitPublished(ids)));
            awaitAllMarkedPublished();
            assertEquals(once(ids), copies(ids));
        } finally {
            relay.onStop(null);
        }
    }
}
