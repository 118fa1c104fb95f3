package org.gongyi.deploy.bench;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Purchase events as the commerce platform writes them (benchmarks, fault suite). */
public final class PurchaseLoad {
    /** The 31 mainland provincial-level divisions, as buyers' provinces. */
    static final String[] PROVINCES = {
        "Anhui",
        "Beijing",
        "Chongqing",
        "Fujian",
        "Gansu",
        "Guangdong",
        "Guangxi",
        "Guizhou",
        "Hainan",
        "Hebei",
        "Heilongjiang",
        "Henan",
        "Hubei",
        "Hunan",
        "Inner Mongolia",
        "Jiangsu",
        "Jiangxi",
        "Jilin",
        "Liaoning",
        "Ningxia",
        "Qinghai",
        "Shaanxi",
        "Shandong",
        "Shanghai",
        "Shanxi",
        "Sichuan",
        "Tianjin",
        "Tibet",
        "Xinjiang",
        "Yunnan",
        "Zhejiang"
    };

    private PurchaseLoad() {}

    /** The {@code i}-th purchase of a load: order {@code orderId}, one line of {@code item}, 5,000 buyers, 31 provinces. */
    public static ProducerRecord<String, String> purchase(String orderId, int i, String item) {
        return purchase("commerce.orders", orderId, i, item, Instant.now());
    }

    /** As {@link #purchase(String, int, String)} to {@code topic}, completed at {@code completedAt}. */
    public static ProducerRecord<String, String> purchase(
            String topic, String orderId, int i, String item, Instant completedAt) {
        String json = "{\"orderId\":\"" + orderId + "\",\"buyerId\":\"buyer-" + (i % 5000)
                + "\",\"sellerId\":\"bench-seller\","
                + "\"province\":\"" + PROVINCES[i % PROVINCES.length] + "\",\"completedAt\":\"" + completedAt
                + "\",\"lines\":[{\"itemId\":\""
                + item + "\",\"quantity\":1,\"paidFen\":" + (1000 + i % 90000) + "}]}";
        return cloudEvent(topic, orderId, json, "commerce.purchase-completed", "bench");
    }

    /** A record in CloudEvents binary mode: the required attributes as headers, a fresh {@code ce_id}. */
    public static ProducerRecord<String, String> cloudEvent(
            String topic, String key, String json, String type, String source) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, json);
        header(r, "ce_specversion", "1.0");
        header(r, "ce_id", UUID.randomUUID().toString());
        header(r, "ce_source", source);
        header(r, "ce_type", type);
        return r;
    }

    private static void header(ProducerRecord<String, String> r, String k, String v) {
        r.headers().add(k, v.getBytes(StandardCharsets.UTF_8));
    }
}
