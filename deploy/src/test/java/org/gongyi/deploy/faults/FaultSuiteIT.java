package org.gongyi.deploy.faults;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gongyi.deploy.LocalPlatform;
import org.gongyi.deploy.bench.PurchaseLoad;
import org.gongyi.infra.KafkaTopics;
import org.gongyi.infra.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing lost, nothing twice (issue #8): donation-service as a real process against the real broker and database,
 * its database behind a {@link TcpProxy} the test cuts, and the process killed with {@code kill -9}. Each scenario
 * sends a few thousand purchase events and counts, from the database and the topic, what took effect: lost and
 * duplicated must be 0. The table is printed and written to {@code target/fault-report.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static final int EVENTS = 3000;
    private static final Duration PATIENCE = Duration.ofSeconds(150);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> REPORT = new ArrayList<>();

    private static LocalPlatform platform;
    private static TcpProxy databaseProxy;
    private static int httpPort;
    private static int reunionPort;
    private static String admin;
    private static String seller;

    @BeforeAll
    static void start() throws Exception {
        Path home = Files.createTempDirectory("gongyi-faults-");
        int pgPort = Ports.free();
        databaseProxy = new TcpProxy(0, "127.0.0.1", pgPort);
        httpPort = Ports.free();
        int kafkaPort = Ports.free();
        while (!Ports.isFree(kafkaPort + 1)) {
            kafkaPort = Ports.free();
        }
        Map<String, String> env = new HashMap<>();
        env.put("GONGYI_HOME", home.toString());
        env.put("GONGYI_SERVICES", "donation,reunion");
        env.put("GONGYI_PG_PORT", String.valueOf(pgPort));
        env.put("GONGYI_KAFKA_PORT", String.valueOf(kafkaPort));
        env.put("DONATION_HTTP_PORT", String.valueOf(httpPort));
        reunionPort = Ports.free();
        env.put("REUNION_HTTP_PORT", String.valueOf(reunionPort));
        // the service reaches its database only through the proxy
        env.put("DONATION_DB_URL", "postgresql://127.0.0.1:" + databaseProxy.port() + "/gongyi");
        platform = new LocalPlatform(Path.of("..").toAbsolutePath().normalize(), env);
        platform.start();
        admin = platform.issuer().token("fault-admin", List.of("admin"), Duration.ofHours(1));
        seller = platform.issuer().token("bench-seller", List.of("seller"), Duration.ofHours(1));
        call("PUT", "/organisations/fault-org", admin, "{\"name\":\"Faults\",\"verified\":true}");
        REPORT.add("| scenario | events sent | effects observed | lost | duplicated | notes |");
        REPORT.add("|---|---|---|---|---|---|");
    }

    @AfterAll
    static void stop() throws IOException {
        REPORT.forEach(System.out::println);
        Files.writeString(Path.of("target/fault-report.md"), String.join("\n", REPORT) + "\n");
        if (platform != null) {
            platform.close();
        }
        if (databaseProxy != null) {
            databaseProxy.close();
        }
    }

    @Test
    @Order(1)
    void databaseUnreachableWhileEventsArrive() throws Exception {
        Scenario s = new Scenario("database-down");
        s.send(0, EVENTS / 2);
        databaseProxy.cut();
        long committedDuring;
        long committedLater;
        try {
            s.send(EVENTS / 2, EVENTS);
            // the consumer cannot progress: the service says so, and commits no offset past what took effect
            await("not ready while the database is away", () -> readiness() == 503);
            sleep(2000);
            committedDuring = committedOffsets();
            sleep(8000);
            committedLater = committedOffsets();
            assertEquals(503, readiness(), "still not ready");
        } finally {
            databaseProxy.restore();
        }
        assertEquals(committedDuring, committedLater, "no offsets committed while the database was away");
        await("ready again", () -> readiness() == 200);
        s.awaitAll();
        s.report("cut for 10 s: not ready, no offset committed; restored: ready, all took effect");
    }

    @Test
    @Order(2)
    void consumerKilledMidBatch() throws Exception {
        Scenario s = new Scenario("kill-consumer");
        s.send(0, EVENTS);
        await("a quarter consumed", () -> s.effects()[0] >= EVENTS / 4);
        platform.kill("donation");
        long atKill = s.effects()[0];
        platform.restart("donation", "");
        s.awaitAll();
        s.report("kill -9 after " + atKill + " effects, restarted");
    }

    @Test
    @Order(3)
    void relayKilledMidPublish() throws Exception {
        Scenario s = new Scenario("kill-relay");
        platform.kill("donation");
        platform.restart("donation", "-Dgongyi.outbox.relay.enabled=false");
        s.send(0, EVENTS);
        s.awaitAll();
        assertEquals(EVENTS, s.unsent(), "the relay was off: every donation.recorded waits in the outbox");
        platform.kill("donation");
        platform.restart("donation", "");
        await("a third published", () -> s.published()[0] >= EVENTS / 3);
        platform.kill("donation");
        long atKill = s.published()[1];
        platform.restart("donation", "");
        await("outbox drained", () -> s.unsent() == 0);
        long[] published = s.published();
        long redelivered = published[0] - published[1];
        REPORT.add(String.format("| relay killed mid-publish (kill -9) | %d | %d distinct `donation.recorded` | %d | 0 "
                        + "| %d distinct published at the kill; %d published again (same `ce_id`, absorbed by consumers' inbox) |",
                EVENTS, published[1], EVENTS - published[1], atKill, redelivered));
        assertEquals(EVENTS, published[1], "every donation.recorded published");
        s.report("counters after the relay's restarts");
    }

    @Test
    @Order(4)
    void everythingConsumedTwiceFromTheBeginningByAFreshGroup() throws Exception {
        Scenario s = new Scenario("replay");
        // refunds too, some before their purchase (reordered), half of each of the first 500 deals
        s.sendRefunds(0, 250);
        s.send(0, EVENTS);
        s.sendRefunds(250, 500);
        s.awaitAll();
        await("refunds applied", () -> s.reversals() == 500);
        String before = projections();
        long topicEvents = KafkaTopics.end(platform.bootstrapServers(), "commerce.orders");
        platform.kill("donation");
        platform.restart("donation", "-Dmp.messaging.incoming.commerce-orders.group.id=donation-service-replay");
        await("the fresh group read all " + topicEvents + " events", () -> committedOffsets("donation-service-replay")
                >= topicEvents);
        sleep(2000);
        String after = projections();
        platform.kill("donation");
        platform.restart("donation", "");
        REPORT.add(String.format("| every event of commerce.orders consumed again by a fresh group | %d | %s | 0 | 0 | "
                + "projections identical before and after |", topicEvents, before.equals(after) ? "none changed"
                : "CHANGED"));
        assertEquals(before, after, "a second delivery of everything changes no projection");
        s.report("500 partial refunds, 250 of them before their purchase");
    }

    @Test
    @Order(5)
    void poisonMessagesAreDeadLetteredAndCanBeReDriven() throws Exception {
        Scenario s = new Scenario("poison");
        long deadBefore = deadLettered();
        Map<String, ProducerRecord<String, String>> poison = new java.util.LinkedHashMap<>();
        poison.put("not JSON", withValue(PurchaseLoad.purchase("poison-a", 1, s.item), "{not json"));
        poison.put("wrong schema", withValue(PurchaseLoad.purchase("poison-b", 2, s.item),
                "{\"orderId\":\"poison-b\",\"lines\":\"none\"}"));
        ProducerRecord<String, String> unknown = PurchaseLoad.purchase("poison-c", 3, s.item);
        unknown.headers().remove("ce_type").add("ce_type", "commerce.gift-wrapped".getBytes(StandardCharsets.UTF_8));
        poison.put("unknown type", unknown);
        ProducerRecord<String, String> big = PurchaseLoad.purchase("poison-d", 4, s.item);
        poison.put("oversized", withValue(big, big.value().replace("{\"orderId\"",
                "{\"note\":\"" + "x".repeat(70_000) + "\",\"orderId\"")));
        Set<String> poisonIds = new HashSet<>();
        poison.values().forEach(r -> poisonIds.add(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)));
        s.send(0, EVENTS / 2);
        s.sendRecords(List.copyOf(poison.values()));
        s.send(EVENTS / 2, EVENTS);
        s.awaitAll();
        Map<String, String> reasons = deadLetterReasons(poisonIds);
        await("four dead letters", () -> deadLetterReasons(poisonIds).size() == 4);
        reasons = deadLetterReasons(poisonIds);
        long counted = deadLettered() - deadBefore;
        REPORT.add(String.format("| poison: not JSON, wrong schema, unknown type, oversized | %d valid + 4 poison | "
                + "4 dead letters with reasons, metric +%d | 0 | 0 | consumer went on |", EVENTS, counted));
        assertEquals(4, counted, "gongyi_inbox_events_total{outcome=dead-lettered}");
        assertTrue(reasons.values().stream().anyMatch(r -> r.startsWith("not JSON")), reasons.toString());
        assertTrue(reasons.values().stream().anyMatch(r -> r.contains("does not match schema")), reasons.toString());
        assertTrue(reasons.values().stream().anyMatch(r -> r.startsWith("unknown event type")), reasons.toString());
        assertTrue(reasons.values().stream().anyMatch(r -> r.startsWith("oversized")), reasons.toString());
        s.report("valid events around the poison all took effect");

        // re-drive: export, fix the wrong-schema one, send all back; the fixed one takes effect, the rest return
        Path file = Files.createTempFile("dlq-", ".jsonl");
        org.gongyi.deploy.Redrive.export(platform.bootstrapServers(), "donation-service.dlq", file);
        List<String> lines = Files.readAllLines(file).stream().filter(l -> poisonIds.stream().anyMatch(l::contains))
                .map(l -> l.contains("poison-b") ? l.replaceFirst("\"value\":\"(\\\\.|[^\"\\\\])*\"",
                        java.util.regex.Matcher.quoteReplacement("\"value\":" + jsonString(
                                PurchaseLoad.purchase("poison-b", 2, s.item).value()))) : l).toList();
        Files.write(file, lines);
        assertEquals(4, org.gongyi.deploy.Redrive.send(platform.bootstrapServers(), file));
        await("the fixed event took effect", () -> s.effects()[1] == EVENTS + 1);
        await("the other three dead-lettered again", () -> deadLettered() - deadBefore == 7);
    }

    @Test
    @Order(6)
    void brokerDownWhileApisWrite() throws Exception {
        String police = platform.issuer().token("officer-fault", List.of("police"), Duration.ofHours(1),
                Map.of("org", "fault-psb"));
        int cases = EVENTS / 2;
        platform.kafka().stopBroker();
        List<String> ids;
        long unsentWhileDown;
        try {
            // requests keep succeeding: each writes its case and its event to the outbox, nothing can be published
            ids = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int i = 0; i < cases; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    String body = callOn(reunionPort, "POST", "/cases", police, "{\"name\":\"Case " + n + "\",\"age\":6,"
                            + "\"sex\":\"MALE\",\"description\":\"fault suite\",\"latitude\":34.7466,"
                            + "\"longitude\":113.6253,\"lostAt\":\"" + java.time.Instant.now().minusSeconds(60)
                            + "\",\"contact\":\"PSB 110\"}");
                    Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(body);
                    assertTrue(m.find(), body);
                    String id = m.group(1);
                    callOn(reunionPort, "POST", "/cases/" + id + "/close", police,
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
        readTopic("reunion.alerts", r -> {
            if (ours.contains(r.key())) {
                messages[0]++;
                ceIds.add(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
                typesByCase.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
            }
        });
        long inOrder = typesByCase.values().stream()
                .filter(t -> t.equals(List.of("reunion.alert-published", "reunion.alert-closed"))).count();
        long lost = 2L * cases - ceIds.size();
        long duplicated = messages[0] - ceIds.size();
        REPORT.add(String.format("| broker down while APIs write (reunion-service: publish + close %d cases) | %d | "
                        + "%d published once | %d | %d | %d rows waited in the outbox; per-key order kept for %d of %d cases |",
                cases, 2 * cases, ceIds.size(), lost, duplicated, unsentWhileDown, inOrder, cases));
        assertEquals(0, lost, "lost");
        assertEquals(0, duplicated, "duplicated");
        assertEquals(cases, inOrder, "published before closed, for every case");
    }

    @Test
    @Order(7)
    void brokerRestartDuringSteadyTraffic() throws Exception {
        Scenario s = new Scenario("broker-restart");
        Thread traffic = new Thread(() -> s.sendSteadily(0, EVENTS, Duration.ofSeconds(15)), "steady-traffic");
        traffic.start();
        sleep(5000);
        platform.kafka().stopBroker();
        sleep(5000);
        platform.kafka().startBroker();
        traffic.join(PATIENCE.toMillis());
        s.awaitAll();
        await("every donation.recorded published", () -> s.unsent() == 0);
        long[] published = s.published();
        REPORT.add(String.format("| broker restarted (down 5 s) during steady traffic (200 events/s) | %d | %d distinct "
                        + "`donation.recorded` | %d | 0 | %d published again (same `ce_id`) |", EVENTS, published[1],
                EVENTS - published[1], published[0] - published[1]));
        assertEquals(EVENTS, published[1], "every donation.recorded published");
        s.report("consumer and relay rode through the restart");
    }

    private static long reunionUnsent() {
        try (Connection c = platform.postgres().superuser("gongyi"); var st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from reunion.outbox_event where sent_at is null "
                     + "and ce_type like 'reunion.alert-%'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProducerRecord<String, String> withValue(ProducerRecord<String, String> r, String value) {
        return new ProducerRecord<>(r.topic(), null, r.key(), value, r.headers());
    }

    private static String jsonString(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** ce_id → dead-letter-reason of the dead letters among {@code ids}. */
    private static Map<String, String> deadLetterReasons(Set<String> ids) {
        Map<String, String> out = new HashMap<>();
        readTopic("donation-service.dlq", r -> {
            var id = r.headers().lastHeader("ce_id");
            var reason = r.headers().lastHeader("dead-letter-reason");
            String ce = id == null ? null : new String(id.value(), StandardCharsets.UTF_8);
            if (ce != null && ids.contains(ce) && reason != null) {
                out.put(ce, new String(reason.value(), StandardCharsets.UTF_8));
            }
        });
        return out;
    }

    /** The service's dead-lettered counter (all event types) from its Prometheus endpoint. */
    private static long deadLettered() {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith("gongyi_inbox_events_total{")
                            && l.contains("outcome=\"dead-lettered\""))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the service shows, in a comparable form: every projection table of this schema. */
    private static String projections() {
        StringBuilder b = new StringBuilder();
        for (String sql : List.of(
                "select id, donated_fen, reversed_fen, donation_count, reversal_count, donor_count from donation.charity_project order by id",
                "select * from donation.platform_totals",
                "select * from donation.platform_province order by province",
                "select count(*), sum(amount_fen), sum(reversed_fen), sum(refunded_fen) from donation.donation",
                "select count(*), sum(amount_fen) from donation.donation_reversal",
                "select count(*) from donation.project_donor",
                "select count(*) from donation.platform_buyer",
                "select count(*) from donation.outbox_event")) {
            try (Connection c = platform.postgres().superuser("gongyi"); var st = c.createStatement();
                 ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        b.append(rs.getString(i)).append(' ');
                    }
                    b.append('\n');
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return b.toString();
    }

    private static void readTopic(String topic, java.util.function.Consumer<ConsumerRecord<String, String>> each) {
        KafkaTopics.readAll(platform.bootstrapServers(), topic, each);
    }

    /** One scenario's purchases: a fresh project and item, orders named after the scenario. */
    private static final class Scenario {
        final String name;
        final String item;
        final String project;

        Scenario(String name) throws Exception {
            this.name = name;
            this.item = "fault-item-" + name;
            String created = call("POST", "/projects", admin,
                    "{\"name\":\"" + name + "\",\"charityId\":\"fault-org\",\"kind\":\"ONGOING\"}");
            Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created);
            assertTrue(m.find(), created);
            this.project = m.group(1);
            call("PUT", "/items/" + item + "/charity-rule", seller,
                    "{\"projectId\":\"" + project + "\",\"type\":\"PERCENTAGE\",\"percent\":0.3}");
        }

        void send(int from, int to) {
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (int i = from; i < to; i++) {
                records.add(PurchaseLoad.purchase(name + "-" + i, i, item));
            }
            sendRecords(records);
        }

        /** Sends at an even pace over {@code span}, riding through broker outages (idempotent, long delivery timeout). */
        void sendSteadily(int from, int to, Duration span) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000");
            long pauseNanos = span.toNanos() / (to - from);
            long next = System.nanoTime();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new StringSerializer())) {
                for (int i = from; i < to; i++) {
                    producer.send(PurchaseLoad.purchase(name + "-" + i, i, item));
                    next += pauseNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        sleep(wait / 1_000_000);
                    }
                }
                producer.flush();
            }
        }

        void sendRecords(List<ProducerRecord<String, String>> records) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1000000");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new StringSerializer())) {
                records.forEach(producer::send);
                producer.flush();
            }
        }

        /** Donation rows, distinct orders among them, and the project's donation counter. */
        long[] effects() {
            return query("select (select count(*) from donation.donation where project_id = cast(?1 as uuid)), "
                    + "(select count(distinct order_id) from donation.donation where project_id = cast(?1 as uuid)), "
                    + "(select donation_count from donation.charity_project where id = cast(?1 as uuid))");
        }

        long unsent() {
            return query("select count(*) from donation.outbox_event where sent_at is null and payload like '%' || ?1 || '%'")[0];
        }

        /** donation.recorded messages of this project on the topic, and distinct ce_ids among them. */
        long[] published() {
            long[] messages = {0};
            Set<String> ids = new HashSet<>();
            readTopic("donation.donations", r -> {
                if (r.value() != null && r.value().contains(project)) {
                    messages[0]++;
                    ids.add(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
                }
            });
            return new long[]{messages[0], ids.size()};
        }

        long reversals() {
            return query("select count(*) from donation.donation_reversal where project_id = cast(?1 as uuid)")[0];
        }

        /** Refunds of half of deals {@code from}…{@code to}, one line each. */
        void sendRefunds(int from, int to) {
            List<ProducerRecord<String, String>> refunds = new ArrayList<>();
            for (int i = from; i < to; i++) {
                String order = name + "-" + i;
                ProducerRecord<String, String> r = PurchaseLoad.purchase(order, i, item);
                String json = "{\"orderId\":\"" + order + "\",\"buyerId\":\"buyer-" + (i % 5000) + "\",\"refundedAt\":\""
                        + java.time.Instant.now() + "\",\"lines\":[{\"itemId\":\"" + item + "\",\"refundedFen\":"
                        + (1000 + i % 90000) / 2 + "}],\"reason\":\"fault suite\"}";
                ProducerRecord<String, String> refund = new ProducerRecord<>(r.topic(), null, order, json, r.headers());
                refund.headers().remove("ce_type").add("ce_type",
                        "commerce.order-refunded".getBytes(StandardCharsets.UTF_8));
                refund.headers().remove("ce_id").add("ce_id",
                        java.util.UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                refunds.add(refund);
            }
            sendRecords(refunds);
        }

        void awaitAll() {
            await(name + ": all " + EVENTS + " effects", () -> effects()[1] >= EVENTS);
            // and nothing more arrives late
            sleep(3000);
        }

        void report(String notes) {
            long[] e = effects();
            long lost = EVENTS - e[1];
            long duplicated = (e[0] - e[1]) + (e[2] - e[0]);
            REPORT.add(String.format("| %s | %d | %d donations (counter %d) | %d | %d | %s |", name, EVENTS, e[1], e[2],
                    lost, duplicated, notes));
            assertEquals(0, lost, name + ": lost");
            assertEquals(0, duplicated, name + ": duplicated");
        }

        private long[] query(String sql) {
            try (Connection c = platform.postgres().superuser("gongyi");
                 var ps = c.prepareStatement(sql.replace("?1", "?"))) {
                int n = sql.split("\\?1", -1).length - 1;
                for (int i = 1; i <= n; i++) {
                    ps.setString(i, project);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long[] out = new long[rs.getMetaData().getColumnCount()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = rs.getLong(i + 1);
                    }
                    return out;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The donation-service group's committed offsets on commerce.orders, summed over partitions. */
    private static long committedOffsets() {
        return committedOffsets("donation-service");
    }

    private static long committedOffsets(String group) {
        return KafkaTopics.committed(platform.bootstrapServers(), group, "commerce.orders");
    }

    private static int readiness() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String call(String method, String path, String token, String json) throws Exception {
        return callOn(httpPort, method, path, token, json);
    }

    private static String callOn(int port, String method, String path, String token, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("authorization", "Bearer " + token).header("content-type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, method + " " + path + " → " + r.statusCode() + " " + r.body());
        return r.body();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            sleep(250);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
