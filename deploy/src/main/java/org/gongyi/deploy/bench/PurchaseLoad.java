package org.gongyi.deploy.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gongyi.infra.KafkaTopics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for donation-service: {@code PurchaseLoad <events> <itemId> [projectUrl]} writes that many purchase-completed
 * events for {@code itemId} to commerce.orders (as fast as the broker takes them, acks=all), then waits until the
 * project at {@code projectUrl} shows that many donations (without it: until the donation-service consumer group has
 * committed past all of them), and prints both rates.
 * Bounded: it sends exactly {@code events} records to {@code KAFKA_BOOTSTRAP_SERVERS} (default 127.0.0.1:9092)
 * and gives up after 10 minutes.
 */
public final class PurchaseLoad {
    private PurchaseLoad() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(args.length > 0 ? args[0] : "20000");
        String item = args.length > 1 ? args[1] : "bench-item";
        String progressUrl = args.length > 2 ? args[2] : null;
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < events; i++) {
                producer.send(purchase("bench-" + run + "-" + i, i, item));
            }
            producer.flush();
        }
        long t1 = System.nanoTime();
        System.out.printf("produced %d events in %.1f s (%.0f/s)%n", events, (t1 - t0) / 1e9, events / ((t1 - t0) / 1e9));
        long deadline = t1 + TimeUnit.MINUTES.toNanos(10);
        // done when the effect is visible (the project's donation count), or else when the group's committed
        // offsets reach the end (those trail the effects by up to the commit interval)
        while (progressUrl != null ? donationCount(progressUrl) < events : lag(bootstrap) > 0) {
            if (System.nanoTime() > deadline) {
                System.out.println("gave up: lag " + lag(bootstrap));
                System.exit(1);
            }
            Thread.sleep(50);
        }
        long t2 = System.nanoTime();
        System.out.printf("consumed all %d in %.1f s from the first send (%.0f events/s end to end)%n", events,
                (t2 - t0) / 1e9, events / ((t2 - t0) / 1e9));
    }

    private static long lag(String bootstrap) {
        return KafkaTopics.lag(bootstrap, "donation-service", "commerce.orders");
    }

    /** The {@code i}-th purchase of a load: order {@code orderId}, one line of {@code item}, 5,000 buyers, 31 provinces. */
    public static ProducerRecord<String, String> purchase(String orderId, int i, String item) {
        String json = "{\"orderId\":\"" + orderId + "\",\"buyerId\":\"buyer-" + (i % 5000) + "\",\"sellerId\":\"bench-seller\","
                + "\"province\":\"P" + (i % 31) + "\",\"completedAt\":\"" + Instant.now() + "\",\"lines\":[{\"itemId\":\""
                + item + "\",\"quantity\":1,\"paidFen\":" + (1000 + i % 90000) + "}]}";
        return cloudEvent("commerce.orders", orderId, json, "commerce.purchase-completed", "bench");
    }

    /** A record in CloudEvents binary mode: the required attributes as headers, a fresh {@code ce_id}. */
    public static ProducerRecord<String, String> cloudEvent(String topic, String key, String json, String type,
                                                            String source) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, json);
        header(r, "ce_specversion", "1.0");
        header(r, "ce_id", UUID.randomUUID().toString());
        header(r, "ce_source", source);
        header(r, "ce_type", type);
        return r;
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern DONATION_COUNT = Pattern.compile("\"donationCount\":(\\d+)");

    private static long donationCount(String url) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = DONATION_COUNT.matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static void header(ProducerRecord<String, String> r, String k, String v) {
        r.headers().add(k, v.getBytes(StandardCharsets.UTF_8));
    }
}
