package org.gongyi.infra.test;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Duplicate and reordered delivery (issue #8): every record a service has consumed is delivered to it again, in
 * reverse order, and what the service shows must not change — every table of its schema except the outbox (the relay
 * stamps it) and the rate-limit windows (HTTP only).
 */
public final class Redelivery {
    private static final Set<String> NOT_PROJECTIONS = Set.of("outbox_event", "rate_limit_window", "flyway_schema_history");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private Redelivery() {
    }

    /**
     * Waits until {@code group} has consumed everything in {@code topics}, snapshots the schema, sends every record of
     * the topics again (same partition, key, headers and value; last first), waits until the group consumed those
     * too, and asserts the snapshot did not change. Returns how many records were delivered again.
     */
    public static int assertChangesNothing(String group, String... topics) throws SQLException {
        awaitConsumed(group, topics);
        String before = snapshot();
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        for (String topic : topics) {
            all.addAll(readAll(topic));
        }
        assertTrue(all.size() > 0, "nothing to deliver again on " + String.join(", ", topics));
        Collections.reverse(all);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, GongyiTestInfrastructure.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (ConsumerRecord<String, String> r : all) {
                producer.send(new ProducerRecord<>(r.topic(), r.partition(), r.key(), r.value(), r.headers()));
            }
            producer.flush();
        }
        awaitConsumed(group, topics);
        assertEquals(before, snapshot(), "delivering " + all.size() + " events again changed what the service shows");
        return all.size();
    }

    private static String snapshot() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = GongyiTestInfrastructure.serviceConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = "
                     + "current_schema() and table_type = 'BASE TABLE' order by table_name")) {
            while (rs.next()) {
                if (!NOT_PROJECTIONS.contains(rs.getString(1))) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return ServiceDb.snapshot(tables.toArray(new String[0]));
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** Until the group's committed offsets reach the end of every partition of the topics. */
    private static void awaitConsumed(String group, String... topics) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, GongyiTestInfrastructure.bootstrapServers());
        try (Admin admin = Admin.create(a); KafkaConsumer<String, String> consumer = consumer()) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                long behind = 0;
                for (String topic : topics) {
                    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition())).toList();
                    for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(partitions).entrySet()) {
                        OffsetAndMetadata c = committed.get(end.getKey());
                        behind += end.getValue() - (c == null ? 0 : c.offset());
                    }
                }
                if (behind == 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(group + " is still " + behind + " records behind on " + String.join(", ", topics));
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, GongyiTestInfrastructure.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
