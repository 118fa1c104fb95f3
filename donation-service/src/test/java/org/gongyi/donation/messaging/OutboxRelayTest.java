package org.gongyi.donation.messaging;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gongyi.common.persistence.Db;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.Topic;
import org.gongyi.events.contract.DonationReversed;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.events.outbox.OutboxRelay;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.Management;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox relay against the real broker: rows written in a transaction are published in order per key, marked
 * sent only once acknowledged, kept while the broker is down, and published when it is back.
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "donation"))
class OutboxRelayTest {

    @Inject
    Outbox outbox;

    @Inject
    Db db;

    @Inject
    OutboxRelay relay;

    private List<EventEnvelope> append(String run, int count) throws Throwable {
        List<EventEnvelope> written = new ArrayList<>();
        VertxContextSupport.subscribeAndAwait(() -> db.transaction(() -> Multi.createFrom()
                .range(0, count)
                .onItem()
                .transformToUniAndConcatenate(i -> outbox.append(new DonationReversed(
                        "d-" + run + "-" + i,
                        "r-" + run + "-" + i,
                        run + "-" + i,
                        "item",
                        "buyer-" + (i % 2),
                        "p",
                        1,
                        "seq " + i,
                        Instant.now())))
                .invoke(written::add)
                .collect()
                .last()));
        return written;
    }

    private static long unsent(String run) throws Exception {
        try (Connection c = GongyiTestInfrastructure.serviceConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from outbox_pending where payload like ?")) {
            ps.setString(1, "%" + run + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<ConsumerRecord<String, String>> published(String run, int expected) {
        return KafkaTestClient.readUntil(
                        Topic.DONATION_EVENTS.topicName(),
                        Duration.ofSeconds(30),
                        read -> read.stream()
                                        .filter(r -> r.value().contains(run))
                                        .map(r -> KafkaTestClient.header(r, "ce_id"))
                                        .distinct()
                                        .count()
                                >= expected)
                .stream()
                .filter(r -> r.value().contains(run))
                .toList();
    }

    @Test
    void publishesInOrderPerKeyAndWakesOnCommit() throws Throwable {
        String run = "relay-" + UUID.randomUUID();
        List<EventEnvelope> written = append(run, 10);
        // the test profile polls only every 60 s: publishing within the wait below is the NOTIFY wake-up
        await().atMost(Duration.ofSeconds(20)).until(() -> unsent(run) == 0);
        assertPublishedInOrder(run, written);
        // counted by type as they left, for the business dashboards
        assertTrue(published("donation.reversed") >= 10);
    }

    /** {@code gongyi_events_published_total} of one event type, from the Prometheus scrape. */
    private static double published(String type) {
        String metrics = Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher m = Pattern.compile("(?m)^gongyi_events_published_total\\{[^}]*type=\"" + Pattern.quote(type)
                        + "\"[^}]*\\} ([0-9.eE+]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /**
     * An event waiting longer than the threshold (2 min) makes the service not ready — with the backlog and the age
     * in the check and in the metrics — but never not live; once published, it is ready again.
     */
    @Test
    void anOldUnsentEventMakesTheServiceNotReadyButStillLive() throws Throwable {
        String run = "stale-" + UUID.randomUUID();
        try (Connection held = GongyiTestInfrastructure.serviceConnection();
                var s = held.createStatement()) {
            // hold the relay's lock, as a relay stuck on an unreachable broker would
            s.execute("select pg_advisory_lock(hashtext(current_schema() || '.gongyi_outbox_relay'))");
            append(run, 2);
            s.executeUpdate("update outbox_event set created_at = now() - interval '10 minutes' where payload like '%"
                    + run + "%'");
            Management.given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'outbox' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'outbox' }.data.unsent", Matchers.greaterThanOrEqualTo(2))
                    .body(
                            "checks.find { it.name == 'outbox' }.data.oldestAgeSeconds",
                            Matchers.greaterThanOrEqualTo(600));
            Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
            String metrics =
                    Management.given().get("/q/metrics").then().extract().asString();
            Matcher age = Pattern.compile("(?m)^gongyi_outbox_oldest_age_seconds(\\{[^}]*\\})? ([0-9.eE+]+)")
                    .matcher(metrics);
            assertTrue(age.find() && Double.parseDouble(age.group(2)) >= 600, metrics);
            s.execute("select pg_advisory_unlock(hashtext(current_schema() || '.gongyi_outbox_relay'))");
        }
        relay.wake();
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(run) == 0);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Management.given()
                        .get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("UP")));
    }

    /**
     * Published rows are deleted once the retention has passed since they were written (10 minutes; the test profile
     * purges every second); younger rows stay, and a row not yet published is never deleted, however old.
     */
    @Test
    void aSentRowIsDeletedAfterItsRetentionAndAnUnsentOneNever() throws Throwable {
        String run = "purge-" + UUID.randomUUID();
        List<EventEnvelope> sent = append(run, 4);
        await().atMost(Duration.ofSeconds(20)).until(() -> unsent(run) == 0);
        List<String> aged =
                sent.subList(0, 2).stream().map(e -> e.id().toString()).toList();
        List<String> recent =
                sent.subList(2, 4).stream().map(e -> e.id().toString()).toList();
        List<String> waiting;
        try (Connection held = GongyiTestInfrastructure.serviceConnection();
                var s = held.createStatement()) {
            s.execute("select pg_advisory_lock(hashtext(current_schema() || '.gongyi_outbox_relay'))");
            waiting = append(run + "-unsent", 2).stream()
                    .map(e -> e.id().toString())
                    .toList();
            s.executeUpdate("update outbox_event set created_at = now() - interval '1 day' where payload like '%" + run
                    + "-unsent%'");
            s.executeUpdate("update outbox_event set created_at = now() - interval '11 minutes' where event_id in ('"
                    + String.join("', '", aged) + "')");
            await().atMost(Duration.ofSeconds(20)).until(() -> eventIds(run).size() == 4);
            SortedSet<String> kept = new TreeSet<>(recent);
            kept.addAll(waiting);
            assertEquals(kept, eventIds(run), "the recently sent and the unsent rows stay");
            s.execute("select pg_advisory_unlock(hashtext(current_schema() || '.gongyi_outbox_relay'))");
        }
        relay.wake();
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(run + "-unsent") == 0);
        assertEquals(4, eventIds(run).size(), "published just now, kept for the retention");
    }

    /** Event ids of the outbox rows (sent or not) whose payload names {@code run}. */
    private static SortedSet<String> eventIds(String run) throws Exception {
        try (Connection c = GongyiTestInfrastructure.serviceConnection();
                PreparedStatement ps =
                        c.prepareStatement("select cast(event_id as text) from outbox_event where payload like ?")) {
            ps.setString(1, "%" + run + "%");
            SortedSet<String> ids = new TreeSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /**
     * Ids are handed out at insert, not at commit: a row that commits after one with a higher id is published first
     * for its key all the same (the relay never moves past a hole while a writer may fill it), and the hole a
     * rolled-back row leaves behind does not stop the rows after it.
     */
    @Test
    void aRowCommittedAfterAHigherOneIsNotSkippedAndARolledBackOneDoesNotBlock() throws Throwable {
        String run = "hole-" + UUID.randomUUID();
        double resolvedBefore = holes("resolved");
        double busyBefore = holes("writers-busy");
        UUID first = UUID.randomUUID();
        List<EventEnvelope> later;
        try (Connection slow = GongyiTestInfrastructure.serviceConnection()) {
            slow.setAutoCommit(false);
            insertRow(slow, first, run);
            later = append(run, 1);
            // the relay meets the hole and, the slow writer still busy after its wait, publishes nothing past it
            await().atMost(Duration.ofSeconds(30)).until(() -> holes("writers-busy") > busyBefore);
            assertEquals(1, unsent(run), "the row after the hole waits while the hole's writer may still commit");
            slow.commit();
        }
        relay.wake();
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(run) == 0);
        assertEquals(
                List.of(first.toString(), later.get(0).id().toString()),
                published(run, 2).stream()
                        .map(r -> KafkaTestClient.header(r, "ce_id"))
                        .distinct()
                        .toList(),
                "the row that committed last, with the lower id, is published first");

        String after = "after-rollback-" + UUID.randomUUID();
        try (Connection failed = GongyiTestInfrastructure.serviceConnection()) {
            failed.setAutoCommit(false);
            insertRow(failed, UUID.randomUUID(), after);
            failed.rollback();
        }
        append(after, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(after) == 0);
        assertTrue(holes("resolved") > resolvedBefore, "the rolled-back row's hole was seen and found final");
    }

    /** An outbox row written with plain SQL, in the caller's transaction, for key {@code buyer-0} as {@link #append}. */
    private static void insertRow(Connection c, UUID eventId, String run) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into outbox_event (event_id, topic, partition_key, ce_type, ce_source, ce_time, payload)
                values (?, ?, 'buyer-0', 'donation.reversed', 'donation-service', now(), ?)""")) {
            ps.setObject(1, eventId);
            ps.setString(2, Topic.DONATION_EVENTS.topicName());
            ps.setString(3, "{\"orderId\":\"" + run + "-slow\"}");
            ps.executeUpdate();
        }
    }

    /** {@code gongyi_outbox_relay_holes_total} of one outcome, from the Prometheus scrape. */
    private static double holes(String outcome) {
        String metrics = Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher m = Pattern.compile("(?m)^gongyi_outbox_relay_holes_total\\{[^}]*outcome=\"" + Pattern.quote(outcome)
                        + "\"[^}]*\\} ([0-9.eE+]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void keepsRowsWhileTheBrokerIsDownAndPublishesThemWhenItIsBack() throws Throwable {
        String run = "down-" + UUID.randomUUID();
        GongyiTestInfrastructure.stopKafka();
        List<EventEnvelope> written;
        try {
            written = append(run, 6);
            relay.wake();
            // the relay has read the rows and is sending them: the sends wait for the broker
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.pending() >= 6);
            assertEquals(6, unsent(run), "nothing is marked sent while the broker cannot acknowledge");
            // a broker away for a while is not a reason to restart the service
            Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            GongyiTestInfrastructure.startKafka();
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> unsent(run) == 0);
        assertPublishedInOrder(run, written);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> Management.given()
                        .get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("UP")));
    }

    private static void assertPublishedInOrder(String run, List<EventEnvelope> written) {
        List<ConsumerRecord<String, String>> records = published(run, written.size());
        Map<String, List<String>> idsByKey = records.stream()
                .collect(Collectors.groupingBy(
                        ConsumerRecord::key,
                        Collectors.mapping(r -> KafkaTestClient.header(r, "ce_id"), Collectors.toList())));
        Map<String, List<String>> expected = written.stream()
                .collect(Collectors.groupingBy(
                        EventEnvelope::key, Collectors.mapping(e -> e.id().toString(), Collectors.toList())));
        // at least once: a retry may repeat an event, never reorder a key's events
        idsByKey.replaceAll((k, ids) -> ids.stream().distinct().toList());
        assertEquals(expected, idsByKey);
    }
}
