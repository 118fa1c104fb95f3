package org.gongyi.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gongyi.infra.KafkaTopics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;

/**
 * Re-drives dead letters. {@code export <dlq-topic> <file>} writes every dead letter of the topic as one JSON line
 * (original topic, key, CloudEvent headers, value, and why it was dead-lettered); an operator fixes the lines that need
 * it (or none, when the consumer was fixed instead); {@code send <file>} publishes each line back to its original
 * topic. Re-driving is safe to repeat: consumers apply each {@code ce_id} once, and a still-bad line returns to the
 * dead-letter topic. Broker: {@code KAFKA_BOOTSTRAP_SERVERS} (default 127.0.0.1:9092).
 */
public final class Redrive {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEAD_LETTER_PREFIX = "dead-letter-";

    private Redrive() {}

    public static void main(String[] args) throws IOException {
        String bootstrap = LocalRun.bootstrap();
        if (args.length == 3 && args[0].equals("export")) {
            System.out.println(
                    "exported " + export(bootstrap, args[1], Path.of(args[2])) + " dead letters to " + args[2]);
        } else if (args.length == 2 && args[0].equals("send")) {
            System.out.println("re-drove " + send(bootstrap, Path.of(args[1])) + " events");
        } else {
            System.err.println("usage: redrive export <dlq-topic> <file> | redrive send <file>");
            System.exit(2);
        }
    }

    /** Writes the dead letters now in {@code topic} to {@code file}; returns how many. */
    public static int export(String bootstrap, String topic, Path file) throws IOException {
        int[] n = {0};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            KafkaTopics.readAll(bootstrap, topic, r -> {
                ObjectNode line = JSON.createObjectNode();
                line.put("topic", header(r, DEAD_LETTER_PREFIX + "topic"));
                line.put("key", r.key());
                ObjectNode headers = line.putObject("headers");
                for (Header h : r.headers()) {
                    if (!h.key().startsWith(DEAD_LETTER_PREFIX) && h.value() != null) {
                        headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                    }
                }
                line.put("value", r.value());
                line.put("reason", header(r, DEAD_LETTER_PREFIX + "reason"));
                line.put("deadLetter", r.topic() + "-" + r.partition() + "@" + r.offset());
                try {
                    out.write(JSON.writeValueAsString(line));
                    out.newLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                n[0]++;
            });
        }
        return n[0];
    }

    /** Publishes every line of {@code file} to its original topic; returns how many. */
    public static int send(String bootstrap, Path file) throws IOException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        int n = 0;
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line = JSON.readTree(text);
                String topic = line.path("topic").asText(null);
                if (topic == null) {
                    throw new IllegalArgumentException("line " + (n + 1) + " names no topic");
                }
                ProducerRecord<String, String> r = new ProducerRecord<>(
                        topic,
                        line.path("key").isNull() ? null : line.path("key").asText(null),
                        line.path("value").isNull() ? null : line.path("value").asText(null));
                for (Iterator<Map.Entry<String, JsonNode>> it =
                                line.path("headers").fields();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> h = it.next();
                    r.headers().add(h.getKey(), h.getValue().asText().getBytes(StandardCharsets.UTF_8));
                }
                producer.send(r);
                n++;
            }
            producer.flush();
        }
        return n;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
