package org.gongyi.deploy.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gongyi.infra.KafkaTopics;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Load for forest-service: {@code ActionLoad <events>} writes that many low-carbon actions to lowcarbon.actions —
 * metro rides, six per user on one day, so the rule table credits five and caps the sixth — then waits until the
 * forest-service consumer group has committed past all of them (the finish line trails the effects by up to the
 * 5 s commit interval) and prints both rates. Bounded: exactly {@code events} records to
 * {@code KAFKA_BOOTSTRAP_SERVERS} (default 127.0.0.1:9092), gives up after 10 minutes.
 */
public final class ActionLoad {

    public static final int RIDES_PER_USER = 6;

    private ActionLoad() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(args.length > 0 ? args[0] : "20000");
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant day = Instant.now().minusSeconds(60);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < events; i++) {
                producer.send(ride("bench-" + run + "-u" + (i / RIDES_PER_USER), "bench-" + run + "-" + i, day));
            }
            producer.flush();
        }
        long t1 = System.nanoTime();
        System.out.printf("produced %d actions in %.1f s (%.0f/s)%n", events, (t1 - t0) / 1e9, events / ((t1 - t0) / 1e9));
        long deadline = t1 + TimeUnit.MINUTES.toNanos(10);
        while (KafkaTopics.lag(bootstrap, "forest-service", "lowcarbon.actions") > 0) {
            if (System.nanoTime() > deadline) {
                System.out.println("gave up");
                System.exit(1);
            }
            Thread.sleep(100);
        }
        long t2 = System.nanoTime();
        System.out.printf("consumed all %d in %.1f s from the first send (%.0f events/s end to end)%n", events,
                (t2 - t0) / 1e9, events / ((t2 - t0) / 1e9));
    }

    /** One metro ride of {@code user} at {@code at}, keyed by user, as a partner app reports it. */
    public static ProducerRecord<String, String> ride(String user, String sourceRef, Instant at) {
        String json = "{\"userId\":\"" + user + "\",\"actionType\":\"METRO_RIDE\",\"quantity\":1,\"occurredAt\":\""
                + at + "\",\"sourceRef\":\"" + sourceRef + "\"}";
        return PurchaseLoad.cloudEvent("lowcarbon.actions", user, json, "lowcarbon.action-recorded", "bench");
    }
}
