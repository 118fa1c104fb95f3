package org.gongyi.deploy;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.gongyi.infra.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's run command, end to end: the launcher brings up PostgreSQL, Kafka and the four packaged services;
 * an event typed into Kafka's own console producer becomes a donation visible over HTTP; the same line again
 * changes nothing; closing the launcher stops every process.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class LocalPlatformIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalPlatform platform;
    private static Path home;

    @BeforeAll
    static void start() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        home = Files.createTempDirectory("gongyi-launcher-it-");
        Map<String, String> env = new HashMap<>();
        env.put("GONGYI_HOME", home.toString());
        env.put("GONGYI_PG_PORT", String.valueOf(Ports.free()));
        int kafkaPort = Ports.free();
        while (!Ports.isFree(kafkaPort + 1)) {
            kafkaPort = Ports.free();
        }
        env.put("GONGYI_KAFKA_PORT", String.valueOf(kafkaPort));
        for (LocalPlatform.Service s : LocalPlatform.SERVICES) {
            env.put(s.envPrefix() + "_HTTP_PORT", String.valueOf(Ports.free()));
        }
        platform = new LocalPlatform(root, env);
        platform.start();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
            for (LocalPlatform.Service s : platform.services()) {
                assertTrue(Ports.isFree(s.port()), s.name() + " still listening after close");
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void allFourServicesReportReady() throws Exception {
        for (LocalPlatform.Service s : platform.services()) {
            HttpResponse<String> r = get(s, "/q/health/ready");
            assertEquals(200, r.statusCode(), s.name());
            assertTrue(r.body().contains("\"status\": \"UP\"") || r.body().contains("\"status\":\"UP\""), r.body());
        }
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void consoleProducerEventBecomesADonationOnceEvenWhenSentTwice() throws Exception {
        LocalPlatform.Service donation = platform.services().get(0);
        String admin = platform.issuer().token("admin-1", java.util.List.of("admin"), Duration.ofMinutes(5));
        String seller = platform.issuer().token("s1", java.util.List.of("seller"), Duration.ofMinutes(5));
        send(donation, "PUT", admin, "/organisations/c1", "{\"name\":\"Free Lunch Fund\",\"verified\":true}");
        String project = field(send(donation, "POST", admin, "/projects",
                "{\"name\":\"Free lunch\",\"charityId\":\"c1\",\"kind\":\"ONGOING\"}").body(), "id");
        HttpResponse<String> rule = send(donation, "PUT", seller, "/items/item-console/charity-rule",
                "{\"projectId\":\"" + project + "\",\"type\":\"PERCENTAGE\",\"percent\":0.3}");
        assertEquals(200, rule.statusCode(), rule.body());

        String line = "ce_specversion:1.0,ce_id:" + UUID.randomUUID()
                + ",ce_source:console,ce_type:commerce.purchase-completed\torder-console-1\t"
                + "{\"orderId\":\"order-console-1\",\"buyerId\":\"b1\",\"sellerId\":\"s1\",\"province\":\"Zhejiang\","
                + "\"completedAt\":\"" + Instant.now() + "\",\"lines\":[{\"itemId\":\"item-console\",\"quantity\":1,"
                + "\"paidFen\":19900}]}";
        consoleProducer(line);
        awaitRaised(donation, project, 60);

        consoleProducer(line);
        awaitConsumed(2);
        String body = get(donation, "/projects/" + project).body();
        assertEquals("60", field(body, "raisedFen"), body);
        assertEquals("1", field(body, "donationCount"), body);
    }

    /** The README's audit command against the running platform: every service replays, all consistent. */
    @Test
    @org.junit.jupiter.api.Order(3)
    void theAuditCommandReplaysEveryServiceAndFindsThemConsistent() throws Exception {
        Path log = home.resolve("audit.log");
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("audit.sh").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("GONGYI_HOME", home.toString());
        for (LocalPlatform.Service s : platform.services()) {
            pb.environment().put(s.envPrefix() + "_HTTP_PORT", String.valueOf(s.port()));
        }
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the audit did not finish");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("platform: 4 services"), out);
        assertTrue(out.contains("0 differences: consistent"), out);
        assertTrue(out.matches("(?s).*donation-service\\s+2\\s.*consistent.*"), out);
    }

    private static void consoleProducer(String line) throws Exception {
        Path script = Path.of("kafka-console-producer.sh").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--topic", "commerce.orders")
                .redirectErrorStream(true).redirectOutput(home.resolve("console-producer.log").toFile());
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", platform.bootstrapServers());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "console producer did not finish");
        assertEquals(0, p.exitValue(), Files.readString(home.resolve("console-producer.log")));
    }

    /** Waits until the donation-service group has committed past {@code records} records of commerce.orders. */
    private static void awaitConsumed(long records) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long committed = 0;
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("donation-service")
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                committed = offsets.entrySet().stream().filter(e -> e.getKey().topic().equals("commerce.orders"))
                        .mapToLong(e -> e.getValue().offset()).sum();
                if (committed >= records) {
                    return;
                }
                Thread.sleep(250);
            }
            throw new AssertionError("donation-service committed " + committed + " of " + records + " records");
        }
    }

    private static void awaitRaised(LocalPlatform.Service s, String project, long fen) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get(s, "/projects/" + project).body();
            if (String.valueOf(fen).equals(field(body, "raisedFen"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("raisedFen never reached " + fen + ": " + body);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static HttpResponse<String> get(LocalPlatform.Service s, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(s, path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(LocalPlatform.Service s, String method, String token, String path,
                                             String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(s, path)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(LocalPlatform.Service s, String path) {
        return URI.create("http://127.0.0.1:" + s.port() + path);
    }
}
