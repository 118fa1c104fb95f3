package org.gongyi.deploy.faults;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gongyi.deploy.LocalPlatform;
import org.gongyi.infra.KafkaTopics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the fault suite sees of the running platform: its HTTP endpoints, its database and its topics. */
final class Probe {

    static final Duration PATIENCE = Duration.ofSeconds(150);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LocalPlatform platform;

    Probe(LocalPlatform platform) {
        this.platform = platform;
    }

    LocalPlatform platform() {
        return platform;
    }

    int port(String role) {
        return service(role).port();
    }

    private LocalPlatform.Service service(String role) {
        return platform.services().stream()
                .filter(s -> s.role().equals(role))
                .findFirst()
                .orElseThrow();
    }

    /** One row of longs; each {@code ?} is bound to the next of {@code params} as text. */
    long[] longs(String sql, Object... params) {
        try (Connection c = platform.postgres().superuser("gongyi");
                var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, String.valueOf(params[i]));
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

    /** Every row of every query, as text: what a service shows, in a comparable form. */
    String dump(List<String> queries) {
        StringBuilder b = new StringBuilder();
        for (String sql : queries) {
            try (Connection c = platform.postgres().superuser("gongyi");
                    var st = c.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        b.append(rs.getString(i)).append(' ');
                    }
                    b.append('\n');
                }
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }
        return b.toString();
    }

    void readTopic(String topic, Consumer<ConsumerRecord<String, String>> each) {
        KafkaTopics.readAll(platform.bootstrapServers(), topic, each);
    }

    /** Messages on {@code topic} that {@code ours} accepts, and distinct {@code ce_id}s among them. */
    long[] published(String topic, Predicate<ConsumerRecord<String, String>> ours) {
        long[] messages = {0};
        Set<String> ids = new HashSet<>();
        readTopic(topic, r -> {
            if (ours.test(r)) {
                messages[0]++;
                ids.add(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
            }
        });
        return new long[] {messages[0], ids.size()};
    }

    long committed(String group, String topic) {
        return KafkaTopics.committed(platform.bootstrapServers(), group, topic);
    }

    long lag(String group, String... topics) {
        return KafkaTopics.lag(platform.bootstrapServers(), group, topics);
    }

    long end(String topic) {
        return KafkaTopics.end(platform.bootstrapServers(), topic);
    }

    /** Writes the records and waits for the broker's acknowledgements (acks=all). */
    void send(List<ProducerRecord<String, String>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1000000");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    /**
     * Sends the {@code count} records {@code record} makes, at an even pace over {@code span}, riding through broker
     * outages (idempotent, long delivery timeout).
     */
    void sendSteadily(int count, IntFunction<ProducerRecord<String, String>> record, Duration span) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000");
        long pauseNanos = span.toNanos() / count;
        long next = System.nanoTime();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(record.apply(i));
                next += pauseNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    sleep(wait / 1_000_000);
                }
            }
            producer.flush();
        }
    }

    /** {@code /q/health/ready} of a service: 200, 503, or -1 when it does not answer. */
    int readiness(String role) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(service(role).management("/q/health/ready"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A service's Prometheus text. */
    String metrics(String role) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(service(role).management("/q/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON request that must succeed; returns the body. */
    String call(String role, String method, String path, String token, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(role) + path))
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .header("authorization", "Bearer " + token)
                        .header("content-type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, method + " " + path + " → " + r.statusCode() + " " + r.body());
        return r.body();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            sleep(250);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
