package org.gongyi.deploy.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.gongyi.deploy.LocalPlatform;
import org.gongyi.deploy.Redrive;
import org.gongyi.deploy.bench.PurchaseLoad;
import org.gongyi.infra.test.Metrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.gongyi.deploy.faults.Probe.await;
import static org.gongyi.deploy.faults.Probe.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing lost, nothing twice (issue #8): the four services as real processes against the real broker and database;
 * the databases of donation-, forest- and volunteer-service behind {@link TcpProxy proxies} the test cuts; processes
 * killed with {@code kill -9}; the broker stopped. Each scenario sends a few thousand events and counts, from the
 * database and the topics, what took effect: lost and duplicated must be 0. Purchases are counted in donation-service
 * and again in volunteer-service (their {@code donation.recorded}), low-carbon actions in forest-service. The table is
 * printed and written to {@code target/fault-report.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static final int EVENTS = 3000;
    private static final List<String> REPORT = new ArrayList<>();
    private static final List<String> PROXIED = List.of("donation", "forest", "volunteer");

    private static LocalPlatform platform;
    private static Probe probe;
    private static final Map<String, TcpProxy> DATABASES = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Path home = Files.createTempDirectory("gongyi-faults-");
        Map<String, String> env = LocalPlatform.ownPlatform(Map.of(), home);
        int pgPort = Integer.parseInt(env.get("GONGYI_PG_PORT"));
        env.put("GONGYI_GATEWAY", "off"); // the faults are the services' and their consumers', not the gateway's
        // the scenarios count emitted outbox rows across the whole suite: keep sent rows longer than it runs
        env.put("GONGYI_OUTBOX_SENT_RETENTION", "P1D");
        for (String role : PROXIED) {
            // the service reaches its database only through its proxy
            TcpProxy proxy = new TcpProxy(0, "127.0.0.1", pgPort);
            DATABASES.put(role, proxy);
            env.put(role.toUpperCase() + "_DB_URL", "postgresql://127.0.0.1:" + proxy.port() + "/gongyi");
        }
        platform = new LocalPlatform(Path.of("..").toAbsolutePath().normalize(), env);
        platform.start();
        probe = new Probe(platform);
        String admin = platform.issuer().token("fault-admin", List.of("admin"), Duration.ofHours(1));
        probe.call("donation", "PUT", "/organisations/fault-org", admin, "{\"name\":\"Faults\",\"verified\":true}");
        REPORT.add("| scenario | events sent | effects observed | lost | duplicated | notes |");
        REPORT.add("|---|---|---|---|---|---|");
    }

    @AfterAll
    static void stop() throws IOException {
        REPORT.forEach(System.out::println);
        Files.writeString(Path.of("target/fault-report.md"), String.join("\n", REPORT) + "\n");
        if (platform != null) {
            platform.close();
            platform.deleteData();
        }
        DATABASES.values().forEach(TcpProxy::close);
    }

    @Test
    @Order(1)
    void databasesUnreachableWhileEventsArrive() throws Exception {
        Purchases p = purchases("database-down");
        Actions a = actions("forest-database-down");
        long[] failed = transientFailures();
        PROXIED.forEach(role -> DATABASES.get(role).cut());
        long[] during;
        try {
            p.send(0, EVENTS);
            a.send();
            // no consumer can progress: each service says so, and commits no offset past what took effect — checked
            // after donation-service and forest-service have tried their batches and failed, twice each
            await(
                    "none ready while its database is away",
                    () -> PROXIED.stream().allMatch(r -> probe.readiness(r) == 503));
            await("donation and forest retried their batches", () -> triedTwiceMore(failed, 0, 1));
            during = committedOffsets();
            long[] failedAfter = transientFailures();
            await("donation and forest retried again", () -> triedTwiceMore(failedAfter, 0, 1));
            assertArrayEquals(during, committedOffsets(), "no offset committed while the databases were away");
            PROXIED.forEach(role -> assertEquals(503, probe.readiness(role), role + " still not ready"));
            // donation-service's database returns: its donation.recorded reach volunteer-service, whose is still away
            DATABASES.get("donation").restore();
            await("donation-service ready again", () -> probe.readiness("donation") == 200);
            p.awaitAll();
            await("every donation.recorded published", () -> p.unsent() == 0);
            long[] volunteerFailed = transientFailures();
            await("volunteer-service tried the donations and failed, twice", () -> triedTwiceMore(volunteerFailed, 2));
            assertEquals(
                    during[2],
                    committedOffsets()[2],
                    "volunteer-service committed nothing while its database was away");
            assertEquals(503, probe.readiness("volunteer"), "volunteer-service still not ready");
        } finally {
            PROXIED.forEach(role -> DATABASES.get(role).restore());
        }
        await("all ready again", () -> PROXIED.stream().allMatch(r -> probe.readiness(r) == 200));
        a.awaitAll();
        a.report("cut for 10 s: not ready, no offset committed; restored: all took effect, caps held");
        p.report("cut for 10 s (volunteer-service's for 20 s, while donations arrived): not ready, no offset "
                + "committed; restored: ready, all took effect");
    }

    @Test
    @Order(2)
    void consumersKilledMidBatch() throws Exception {
        Purchases p = purchases("kill-consumer");
        Actions a = actions("kill-forest");
        p.send(0, EVENTS);
        a.send();
        await("a quarter of the purchases consumed", () -> p.effects()[0] >= EVENTS / 4);
        platform.kill("donation");
        long donationAtKill = p.effects()[0];
        await("a quarter of the rides taken", () -> a.effects()[0] >= EVENTS / 4);
        platform.kill("forest");
        long forestAtKill = a.effects()[0];
        platform.restart("donation", "");
        await("half the donations credited", () -> p.credits()[0] >= EVENTS / 2);
        platform.kill("volunteer");
        long volunteerAtKill = p.credits()[0];
        platform.restart("forest", "");
        platform.restart("volunteer", "");
        p.awaitAll();
        a.awaitAll();
        a.report("kill -9 after " + forestAtKill + " actions, restarted");
        p.report(String.format(
                "kill -9 after %d donations, restarted; volunteer-service killed after %d credits, " + "restarted",
                donationAtKill, volunteerAtKill));
    }

    @Test
    @Order(3)
    void relaysKilledMidPublish() throws Exception {
        Purchases p = purchases("kill-relay");
        Actions a = actions("kill-forest-relay");
        for (String role : List.of("donation", "forest")) {
            platform.kill(role);
            platform.restart(role, "-Dgongyi.outbox.relay.enabled=false");
        }
        p.send(0, EVENTS);
        a.send();
        p.awaitAll();
        a.awaitAll();
        relayKilledMidPublish("donation", "`donation.recorded`", EVENTS, p::unsent, p::published);
        relayKilledMidPublish("forest", "`forest.energy-credited`", a.credited(), a::unsent, a::published);
        p.report("counters after the relay's restarts; volunteer-service absorbed the events published again");
        a.report("counters after the relay's restarts");
    }

    /**
     * {@code role} ran with its relay off ({@code expected} events wait in the outbox); now with the relay on, killed
     * once a third is published; after the restart every event is published: none lost, some perhaps twice (same
     * {@code ce_id}: at least once by design, absorbed by consumers' inboxes).
     */
    private static void relayKilledMidPublish(
            String role, String what, long expected, LongSupplier unsent, Supplier<long[]> published) {
        assertEquals(expected, unsent.getAsLong(), "the relay was off: every " + what + " waits in the outbox");
        platform.kill(role);
        platform.restart(role, "");
        await("a third published", () -> published.get()[0] >= expected / 3);
        platform.kill(role);
        long atKill = published.get()[1];
        platform.restart(role, "");
        await("outbox drained", () -> unsent.getAsLong() == 0);
        long[] p = published.get();
        REPORT.add(String.format(
                "| %s-service's relay killed mid-publish (kill -9) | %d | %d distinct %s | %d | 0 "
                        + "| %d distinct published at the kill; %d published again (same `ce_id`, absorbed by consumers' inbox) |",
                role, expected, p[1], what, expected - p[1], atKill, p[0] - p[1]));
        assertEquals(expected, p[1], "every " + what + " published");
    }

    @Test
    @Order(4)
    void everythingConsumedTwiceFromTheBeginningByFreshGroups() throws Exception {
        Purchases s = purchases("replay");
        // refunds too, some before their purchase (reordered), half of each of the first 500 deals
        s.sendRefunds(0, 250);
        s.send(0, EVENTS);
        s.sendRefunds(250, 500);
        s.awaitAll();
        await("refunds applied", () -> s.reversals() == 500);
        s.report("500 partial refunds, 250 of them before their purchase");
        await(
                "everything published and consumed",
                () -> probe.longs("select (select count(*) from "
                                        + "donation.outbox_pending) + (select count(*) from forest.outbox_pending)")[0]
                                == 0
                        && probe.lag("forest-service", "lowcarbon.actions") == 0
                        && probe.lag("volunteer-service", "donation.donations", "forest.events") == 0);
        String before = donationProjections() + forestProjections() + volunteerProjections();
        Map<String, Long> ends = new LinkedHashMap<>();
        for (String topic : List.of("commerce.orders", "lowcarbon.actions", "donation.donations", "forest.events")) {
            ends.put(topic, probe.end(topic));
        }
        for (String role : PROXIED) {
            platform.kill(role);
        }
        platform.restart("donation", "-Dmp.messaging.incoming.commerce-orders.group.id=donation-service-replay");
        platform.restart("forest", "-Dmp.messaging.incoming.lowcarbon-actions.group.id=forest-service-replay");
        platform.restart(
                "volunteer",
                "-Dmp.messaging.incoming.donations.group.id=volunteer-service-replay "
                        + "-Dmp.messaging.incoming.forest.group.id=volunteer-service-replay");
        await(
                "the fresh groups read everything",
                () -> probe.committed("donation-service-replay", "commerce.orders") >= ends.get("commerce.orders")
                        && probe.committed("forest-service-replay", "lowcarbon.actions")
                                >= ends.get("lowcarbon.actions")
                        && probe.committed("volunteer-service-replay", "donation.donations")
                                >= ends.get("donation.donations")
                        && probe.committed("volunteer-service-replay", "forest.events") >= ends.get("forest.events"));
        // an offset is committed after its event's effects: everything read has taken effect
        String after = donationProjections() + forestProjections() + volunteerProjections();
        for (String role : PROXIED) {
            platform.kill(role);
            platform.restart(role, "");
        }
        REPORT.add(String.format(
                "| every event consumed again by fresh groups: commerce.orders (donation-service), "
                        + "lowcarbon.actions (forest-service), donation.donations and forest.events (volunteer-service) "
                        + "| %d | %s | 0 | 0 | projections of all three identical before and after |",
                ends.values().stream().mapToLong(Long::longValue).sum(),
                before.equals(after) ? "none changed" : "CHANGED"));
        assertEquals(before, after, "a second delivery of everything changes no projection");
    }

    @Test
    @Order(5)
    void poisonMessagesAreDeadLetteredAndCanBeReDriven() throws Exception {
        Purchases s = purchases("poison");
        long deadBefore = deadLettered();
        Map<String, ProducerRecord<String, String>> poison = new LinkedHashMap<>();
        poison.put("not JSON", withValue(PurchaseLoad.purchase("poison-a", 1, s.item), "{not json"));
        poison.put(
                "wrong schema",
                withValue(
                        PurchaseLoad.purchase("poison-b", 2, s.item), "{\"orderId\":\"poison-b\",\"lines\":\"none\"}"));
        ProducerRecord<String, String> unknown = PurchaseLoad.purchase("poison-c", 3, s.item);
        unknown.headers().remove("ce_type").add("ce_type", "commerce.gift-wrapped".getBytes(StandardCharsets.UTF_8));
        poison.put("unknown type", unknown);
        ProducerRecord<String, String> big = PurchaseLoad.purchase("poison-d", 4, s.item);
        poison.put(
                "oversized",
                withValue(
                        big,
                        big.value().replace("{\"orderId\"", "{\"note\":\"" + "x".repeat(70_000) + "\",\"orderId\"")));
        Set<String> poisonIds = new HashSet<>();
        poison.values()
                .forEach(r ->
                        poisonIds.add(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)));
        s.send(0, EVENTS / 2);
        probe.send(List.copyOf(poison.values()));
        s.send(EVENTS / 2, EVENTS);
        s.awaitAll();
        await("four dead letters", () -> deadLetterReasons(poisonIds).size() == 4);
        Map<String, String> reasons = deadLetterReasons(poisonIds);
        long counted = deadLettered() - deadBefore;
        REPORT.add(String.format(
                "| poison: not JSON, wrong schema, unknown type, oversized | %d valid + 4 poison | "
                        + "4 dead letters with reasons, metric +%d | 0 | 0 | consumer went on |",
                EVENTS, counted));
        assertEquals(4, counted, "gongyi_inbox_events_total{outcome=dead-lettered}");
        assertTrue(reasons.values().stream().anyMatch(r -> r.startsWith("not JSON")), reasons.toString());
        assertTrue(reasons.values().stream().anyMatch(r -> r.contains("does not match schema")), reasons.toString());
        assertTrue(reasons.values().stream().anyMatch(r -> r.startsWith("unknown event type")), reasons.toString());
        assertTrue(reasons.values().stream().anyMatch(r -> r.startsWith("oversized")), reasons.toString());
        s.report("valid events around the poison all took effect");

        // re-drive: export, fix the wrong-schema one, send all back; the fixed one takes effect, the rest return
        Path file = Files.createTempFile("dlq-", ".jsonl");
        Redrive.export(platform.bootstrapServers(), "donation-service.dlq", file);
        List<String> lines = Files.readAllLines(file).stream()
                .filter(l -> poisonIds.stream().anyMatch(l::contains))
                .map(l -> l.contains("poison-b")
                        ? l.replaceFirst(
                                "\"value\":\"(\\\\.|[^\"\\\\])*\"",
                                Matcher.quoteReplacement("\"value\":"
                                        + jsonString(PurchaseLoad.purchase("poison-b", 2, s.item)
                                                .value())))
                        : l)
                .toList();
        Files.write(file, lines);
        assertEquals(4, Redrive.send(platform.bootstrapServers(), file));
        await("the fixed event took effect", () -> s.effects()[1] == EVENTS + 1);
        await("the other three dead-lettered again", () -> deadLettered() - deadBefore == 7);
    }

    @Test
    @Order(6)
    void brokerDownWhileApisWrite() throws Exception {
        String police = platform.issuer()
                .token("officer-fault", List.of("police"), Duration.ofHours(1), Map.of("org", "fault-psb"));
        int cases = EVENTS / 2;
        platform.kafka().stopBroker();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        long unsentWhileDown;
        try {
            // requests keep succeeding: each writes its case and its event to the outbox, nothing can be published
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < cases; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    String body = probe.call(
                            "reunion",
                            "POST",
                            "/cases",
                            police,
                            "{\"name\":\"Case " + n + "\",\"age\":6,"
                                    + "\"sex\":\"MALE\",\"description\":\"fault suite\",\"latitude\":34.7466,"
                                    + "\"longitude\":113.6253,\"lostAt\":\""
                                    + Instant.now().minusSeconds(60)
                                    + "\",\"contact\":\"PSB 110\"}");
                    Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(body);
                    assertTrue(m.find(), body);
                    String id = m.group(1);
                    probe.call(
                            "reunion",
                            "POST",
                            "/cases/" + id + "/close",
                            police,
                            "{\"closure\":\"FOUND\",\"outcome\":\"RESCUED\"}");
                    ids.add(id);
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
            pool.shutdown();
            unsentWhileDown = reunionUnsent();
            assertEquals(2L * cases, unsentWhileDown, "every event waits in the outbox while the broker is down");
        } finally {
            platform.kafka().startBroker();
        }
        await("the outbox drained", () -> reunionUnsent() == 0);
        Set<String> ours = new HashSet<>(ids);
        Map<String, List<String>> typesByCase = new HashMap<>();
        Set<String> ceIds = new HashSet<>();
        long[] messages = {0};
        probe.readTopic("reunion.alerts", r -> {
            if (ours.contains(r.key())) {
                messages[0]++;
                ceIds.add(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
                typesByCase
                        .computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
            }
        });
        long inOrder = typesByCase.values().stream()
                .filter(t -> t.equals(List.of("reunion.alert-published", "reunion.alert-closed")))
                .count();
        long lost = 2L * cases - ceIds.size();
        long duplicated = messages[0] - ceIds.size();
        REPORT.add(String.format(
                "| broker down while APIs write (reunion-service: publish + close %d cases) | %d | "
                        + "%d published once | %d | %d | %d rows waited in the outbox; per-key order kept for %d of %d cases |",
                cases, 2 * cases, ceIds.size(), lost, duplicated, unsentWhileDown, inOrder, cases));
        assertEquals(0, lost, "lost");
        assertEquals(0, duplicated, "duplicated");
        assertEquals(cases, inOrder, "published before closed, for every case");
    }

    @Test
    @Order(7)
    void brokerRestartDuringSteadyTraffic() throws Exception {
        Purchases s = purchases("broker-restart");
        Actions a = actions("broker-restart-forest");
        List<Thread> traffic = List.of(
                new Thread(() -> s.sendSteadily(Duration.ofSeconds(15)), "steady-purchases"),
                new Thread(() -> a.sendSteadily(Duration.ofSeconds(15)), "steady-rides"));
        traffic.forEach(Thread::start);
        sleep(5000);
        platform.kafka().stopBroker();
        sleep(5000);
        platform.kafka().startBroker();
        for (Thread t : traffic) {
            t.join(Probe.PATIENCE.toMillis());
        }
        s.awaitAll();
        a.awaitAll();
        await("every donation.recorded published", () -> s.unsent() == 0);
        long[] published = s.published();
        REPORT.add(String.format(
                "| broker restarted (down 5 s) during steady traffic (200 purchases/s, 200 rides/s) "
                        + "| %d | %d distinct `donation.recorded` | %d | 0 | %d published again (same `ce_id`) |",
                EVENTS, published[1], EVENTS - published[1], published[0] - published[1]));
        assertEquals(EVENTS, published[1], "every donation.recorded published");
        s.report("consumer and relay rode through the restart");
        a.report("consumer and relay rode through the restart");
    }

    private static Purchases purchases(String name) throws Exception {
        return new Purchases(probe, REPORT, name, EVENTS);
    }

    private static Actions actions(String name) {
        return new Actions(probe, REPORT, name, EVENTS);
    }

    /** Committed offsets of donation-service on orders, forest-service on actions, volunteer-service on donations. */
    /** Each proxied service's inbox attempts that failed because its database was away (donation, forest, volunteer). */
    private static long[] transientFailures() {
        return PROXIED.stream()
                .mapToLong(role -> probe.metrics(role)
                        .lines()
                        .filter(l -> l.startsWith("gongyi_inbox_transient_failures_total"))
                        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .sum())
                .toArray();
    }

    /** Whether the services at these indexes of {@link #PROXIED} failed at least twice more than {@code before}. */
    private static boolean triedTwiceMore(long[] before, int... services) {
        long[] now = transientFailures();
        return Arrays.stream(services).allMatch(i -> now[i] >= before[i] + 2);
    }

    private static long[] committedOffsets() {
        return new long[] {
            probe.committed("donation-service", "commerce.orders"),
            probe.committed("forest-service", "lowcarbon.actions"),
            probe.committed("volunteer-service", "donation.donations")
        };
    }

    private static long reunionUnsent() {
        return probe.longs("select count(*) from reunion.outbox_pending " + "where ce_type like 'reunion.alert-%'")[0];
    }

    private static ProducerRecord<String, String> withValue(ProducerRecord<String, String> r, String value) {
        return new ProducerRecord<>(r.topic(), null, r.key(), value, r.headers());
    }

    private static String jsonString(String s) {
        try {
            return new ObjectMapper().writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** ce_id → dead-letter-reason of the dead letters among {@code ids}. */
    private static Map<String, String> deadLetterReasons(Set<String> ids) {
        Map<String, String> out = new HashMap<>();
        probe.readTopic("donation-service.dlq", r -> {
            var id = r.headers().lastHeader("ce_id");
            var reason = r.headers().lastHeader("dead-letter-reason");
            String ce = id == null ? null : new String(id.value(), StandardCharsets.UTF_8);
            if (ce != null && ids.contains(ce) && reason != null) {
                out.put(ce, new String(reason.value(), StandardCharsets.UTF_8));
            }
        });
        return out;
    }

    /** donation-service's dead-lettered counter (all event types) from its Prometheus endpoint. */
    private static long deadLettered() {
        return (long) Metrics.sum(probe.metrics("donation"), "gongyi_inbox_events_total", "outcome=\"dead-lettered\"");
    }

    private static String donationProjections() {
        return probe.dump(List.of(
                "select id, donated_fen, reversed_fen, donation_count, reversal_count, donor_count from donation.charity_project order by id",
                "select * from donation.platform_totals",
                "select * from donation.platform_province order by province",
                "select count(*), sum(amount_fen), sum(reversed_fen), sum(refunded_fen) from donation.donation",
                "select count(*), sum(amount_fen) from donation.donation_reversal",
                "select count(*) from donation.project_donor",
                "select count(*) from donation.platform_buyer",
                "select count(*) from donation.outbox_event"));
    }

    private static String forestProjections() {
        return probe.dump(List.of(
                "select status, count(*), sum(grams) from forest.energy_action group by status order by status",
                "select count(*), sum(grams) from forest.energy_ball",
                "select period, count(*), sum(action_count), sum(grams) from forest.energy_usage group by period order by period",
                "select count(*), sum(balance_grams), sum(collected_grams), sum(spent_grams) from forest.energy_account",
                "select * from forest.forest_totals order by slot",
                "select count(*) from forest.outbox_event"));
    }

    private static String volunteerProjections() {
        return probe.dump(List.of(
                "select count(*), sum(amount_fen), sum(reversed_fen), count(credit_id), count(revoked_at) from volunteer.donation_credit",
                "select source, count(*), sum(tenths), count(revoked_at) from volunteer.welfare_credit group by source order by source",
                "select source, count(*), sum(tenths) from volunteer.welfare_year group by source order by source",
                "select count(*) from volunteer.pledge_certificate",
                "select count(*) from volunteer.outbox_event"));
    }
}
