package org.gongyi.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gongyi.deploy.Audit;
import org.gongyi.deploy.LocalPlatform;
import org.gongyi.deploy.LocalRun;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Audit replay (issue #11, benchmark 5): each named service replays all its input events into its shadow schema
 * and reconciles its projections (the auditor's replay of issue #9, one service at a time); the figure is events
 * per second over the whole replay, from its start to its report. The raw limit, same run: a bare Kafka consumer
 * reading and parsing exactly the same partition ranges — what any replay must at least do.
 */
public final class Replays {

    public static final double TARGET_PER_SECOND = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One service's replay. */
    public record Row(
            String service,
            long events,
            double seconds,
            double perSecond,
            double replayingPerSecond,
            double rawPerSecond,
            double ratio,
            boolean consistent,
            boolean withinTarget) {}

    public static void main(String[] args) throws Exception {
        List<String> roles = List.of((args.length > 0 ? args[0] : "donation").split(","));
        Map<String, String> env = System.getenv();
        String bootstrap = LocalRun.bootstrap();
        String token = LocalRun.issuer().token("bench-auditor", List.of("auditor"), Duration.ofHours(2));
        List<Row> rows = new ArrayList<>();
        for (LocalPlatform.Service s : LocalPlatform.SERVICES) {
            if (roles.contains(s.role())) {
                String base =
                        "http://127.0.0.1:" + env.getOrDefault(s.envPrefix() + "_HTTP_PORT", String.valueOf(s.port()));
                rows.add(run(s.name(), base, bootstrap, token));
            }
        }
        System.out.printf(
                "%n%-18s %10s %9s %12s %14s %12s %8s  %s%n",
                "service",
                "events",
                "took",
                "events/s",
                "replaying/s",
                "raw read/s",
                "of raw",
                "target (≥ " + (int) TARGET_PER_SECOND + "/s)");
        for (Row r : rows) {
            System.out.printf(
                    "%-18s %,10d %7.1f s %,12.0f %,14.0f %,12.0f %7.1f%%  %s%s%n",
                    r.service(),
                    r.events(),
                    r.seconds(),
                    r.perSecond(),
                    r.replayingPerSecond(),
                    r.rawPerSecond(),
                    100 * r.ratio(),
                    r.withinTarget() ? "met" : "missed",
                    r.consistent() ? "" : " (NOT consistent)");
        }
        System.out.println("\nwritten: " + Results.write(Path.of(""), "replay", "audit replay", rows));
    }

    /** Replays the service at {@code base} from the beginning and reads the same range bare. */
    public static Row run(String service, String base, String bootstrap, String token) throws Exception {
        HttpResponse<String> started = Audit.send(
                HttpRequest.newBuilder(URI.create(base + "/audit/replays"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("content-type", "application/json"),
                token);
        if (started.statusCode() != 202) {
            throw new IllegalStateException(
                    service + " refused the replay: " + started.statusCode() + " " + started.body());
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        JsonNode report = Audit.latest(base, token);
        while (!List.of("DONE", "CANCELLED", "FAILED")
                .contains(report.path("status").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service + ": the replay did not finish within 30 minutes");
            }
            Thread.sleep(200);
            report = Audit.latest(base, token);
        }
        if (!report.path("status").asText().equals("DONE")) {
            throw new IllegalStateException(
                    service + ": the replay ended " + report.path("status").asText() + ": "
                            + report.path("error").asText());
        }
        long events = report.path("eventsRead").asLong();
        double seconds = Duration.between(
                                Instant.parse(report.path("startedAt").asText()),
                                Instant.parse(report.path("finishedAt").asText()))
                        .toNanos()
                / 1e9;
        double raw = readBare(bootstrap, report.path("range").path("partitions"));
        double perSecond = events / seconds;
        System.out.printf(
                "%s: %,d events replayed and reconciled in %.1f s; the same range read bare at %,.0f/s%n",
                service, events, seconds, raw);
        return new Row(
                service,
                events,
                seconds,
                perSecond,
                report.path("eventsPerSecond").asDouble(),
                raw,
                perSecond / raw,
                report.path("consistent").asBoolean(false),
                perSecond >= TARGET_PER_SECOND);
    }

    /** Reads and parses every record of these partition ranges ({@code to} exclusive); records per second. */
    static double readBare(String bootstrap, JsonNode ranges) throws Exception {
        Map<TopicPartition, long[]> left = new HashMap<>();
        long total = 0;
        for (JsonNode r : ranges) {
            long from = r.path("from").asLong();
            long to = r.path("to").asLong();
            if (to > from) {
                left.put(
                        new TopicPartition(
                                r.path("topic").asText(), r.path("partition").asInt()),
                        new long[] {from, to});
                total += to - from;
            }
        }
        if (total == 0) {
            return Double.NaN;
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        long read = 0;
        long t0 = System.nanoTime();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(left.keySet());
            left.forEach((tp, range) -> consumer.seek(tp, range[0]));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!left.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("bare read: " + read + " of " + total + " records in 10 minutes");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    long[] range = left.get(tp);
                    if (range == null || r.offset() >= range[1]) {
                        continue;
                    }
                    JSON.readTree(r.value());
                    read++;
                    if (r.offset() + 1 >= range[1]) {
                        left.remove(tp);
                        consumer.pause(List.of(tp));
                    }
                }
            }
        }
        return read / ((System.nanoTime() - t0) / 1e9);
    }
}
