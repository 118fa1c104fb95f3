package org.gongyi.infra.test;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Plain Kafka clients for tests: play the external producer, read what a service published. */
public final class KafkaTestClient {

    /** Where each event this client sent landed, by {@code ce_id}. */
    private static final Map<String, Sent> SENT = new ConcurrentHashMap<>();

    /** A sent event's topic, partition and offset. */
    public record Sent(String topic, int partition, long offset) {}

    private KafkaTestClient() {}

    /** Where the event with {@code ceId} landed, if this client sent it. */
    public static Optional<Sent> sent(String ceId) {
        return Optional.ofNullable(SENT.get(ceId));
    }

    private static void remember(ProducerRecord<String, String> record, RecordMetadata at) {
        var id = record.headers().lastHeader("ce_id");
        if (id != null) {
            SENT.put(new String(id.value(), StandardCharsets.UTF_8), new Sent(at.topic(), at.partition(), at.offset()));
        }
    }

    /** Sends a CloudEvent in binary mode and waits for the broker's acknowledgement. Returns its ce_id. */
    public static String sendEvent(String topic, String key, String ceType, String json) {
        String id = UUID.randomUUID().toString();
        sendEvent(topic, key, ceType, id, json);
        return id;
    }

    public static void sendEvent(String topic, String key, String ceType, String ceId, String json) {
        send(topic, key, headers(ceType, ceId), json);
    }

    /** The CloudEvents headers of a test event (a mutable map: add extensions such as {@code ce_requestid}). */
    public static Map<String, String> headers(String ceType, String ceId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", ceId);
        headers.put("ce_source", "test");
        headers.put("ce_type", ceType);
        headers.put("ce_time", Instant.now().toString());
        headers.put("content-type", "application/json");
        return headers;
    }

    /** One CloudEvent to send with {@link #sendEvents}. */
    public record Event(String key, String ceType, String ceId, String json) {}

    /** Sends the events with one producer, in order, then waits for all acknowledgements. */
    public static void sendEvents(String topic, List<Event> events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedTestInfrastructure.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (Event e : events) {
                ProducerRecord<String, String> r = new ProducerRecord<>(topic, e.key(), e.json());
                r.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
                r.headers().add("ce_id", e.ceId().getBytes(StandardCharsets.UTF_8));
                r.headers().add("ce_source", "test".getBytes(StandardCharsets.UTF_8));
                r.headers().add("ce_type", e.ceType().getBytes(StandardCharsets.UTF_8));
                acks.add(producer.send(r));
                records.add(r);
            }
            for (int i = 0; i < acks.size(); i++) {
                remember(records.get(i), acks.get(i).get(30, TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    public static void send(String topic, String key, Map<String, String> headers, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedTestInfrastructure.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            remember(r, producer.send(r).get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    /**
     * Reads {@code topic} from the beginning with a fresh consumer group until {@code enough} holds for what was
     * read, or {@code timeout} passes; returns everything read.
     */
    public static List<ConsumerRecord<String, String>> readUntil(
            String topic, Duration timeout, Predicate<List<ConsumerRecord<String, String>>> enough) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedTestInfrastructure.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !enough.test(read)) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
