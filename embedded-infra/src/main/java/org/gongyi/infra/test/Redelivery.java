package org.gongyi.infra.test;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gongyi.infra.KafkaTopics;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Duplicate and reordered delivery, as the world sends it (issue #8, #24): every record a service has consumed is
 * delivered to it again under a new event id (the producer retrying a business fact: same key, headers and value,
 * another {@code ce_id}), last first, and what the service shows must not change — every table of its schema except
 * the inbox's record of event ids (the new ids are new), the rate-limit windows (HTTP only) and the outbox's send
 * stamps — and it must emit no event.
 */
public final class Redelivery {
    private static final Set<String> NOT_PROJECTIONS = Set.of(
            "outbox_event",
            "outbox_relay",
            "inbox_processed",
            "inbox_offset",
            "rate_limit_window",
            "flyway_schema_history");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private Redelivery() {}

    /**
     * Waits until {@code group} has consumed everything in {@code topics}, snapshots the schema, sends every record of
     * the topics again under a new {@code ce_id} (same partition, key, other headers and value; last first), waits
     * until the group consumed those too, and asserts the snapshot did not change. Returns how many records were
     * delivered again.
     */
    public static int assertChangesNothing(String group, String... topics) throws SQLException {
        return assertChangesNothing(group, r -> true, topics);
    }

    /** The same for the records {@code resend} selects (e.g. not those whose effects a test aged by moving time on). */
    public static int assertChangesNothing(
            String group, Predicate<ConsumerRecord<String, String>> resend, String... topics) throws SQLException {
        awaitConsumed(group, topics);
        String before = snapshot();
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        for (String topic : topics) {
            KafkaTopics.readAll(EmbeddedTestInfrastructure.bootstrapServers(), topic, r -> {
                if (resend.test(r)) {
                    all.add(r);
                }
            });
        }
        assertTrue(all.size() > 0, "nothing to deliver again on " + String.join(", ", topics));
        Collections.reverse(all);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedTestInfrastructure.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (ConsumerRecord<String, String> r : all) {
                RecordHeaders headers = new RecordHeaders(r.headers().toArray());
                headers.remove("ce_id")
                        .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(r.topic(), r.partition(), r.key(), r.value(), headers));
            }
            producer.flush();
        }
        awaitConsumed(group, topics);
        assertEquals(
                before,
                snapshot(),
                "delivering " + all.size() + " events again under new ids changed what the "
                        + "service shows or sends");
        return all.size();
    }

    private static String snapshot() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = EmbeddedTestInfrastructure.serviceConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = "
                        + "current_schema() and table_type = 'BASE TABLE' order by table_name")) {
            while (rs.next()) {
                if (!NOT_PROJECTIONS.contains(rs.getString(1))) {
                    tables.add(rs.getString(1));
                }
            }
        }
        tables.add(ServiceDb.OUTGOING_EVENTS);
        return ServiceDb.snapshot(tables.toArray(new String[0]));
    }

    /** Until the group has committed everything in the topics. */
    private static void awaitConsumed(String group, String... topics) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long behind;
        while ((behind = KafkaTopics.lag(EmbeddedTestInfrastructure.bootstrapServers(), group, topics)) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        group + " is still " + behind + " records behind on " + String.join(", ", topics));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
