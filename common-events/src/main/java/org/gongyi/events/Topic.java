package org.gongyi.events;

import java.util.List;

/**
 * The topic catalogue: every Kafka topic of the platform, its record key, producer and consumers.
 * Event history is audit history, so every topic keeps its records forever ({@link #CONFIG}).
 */
public enum Topic {
    COMMERCE_ORDERS("commerce.orders", "orderId", "commerce platform (external)",
            List.of("donation-service"), 12),
    DONATION_EVENTS("donation.donations", "buyerId", "donation-service",
            List.of("volunteer-service"), 6),
    LOWCARBON_ACTIONS("lowcarbon.actions", "userId", "partner apps (external)",
            List.of("forest-service"), 12),
    FOREST_EVENTS("forest.events", "userId", "forest-service",
            List.of("volunteer-service"), 6),
    REUNION_ALERTS("reunion.alerts", "caseId", "reunion-service",
            List.of(), 3),
    LOCATOR_POSITIONS("reunion.locator-positions", "locatorId", "locator gateway (external)",
            List.of("reunion-service"), 6),
    REUNION_PUSH("reunion.push", "caseId or elderId", "reunion-service",
            List.of("push gateway (external)"), 6),
    VOLUNTEER_ACTIVITIES("volunteer.activities", "activityId", "volunteer-service",
            List.of("notification gateway (external)"), 3),
    VOLUNTEER_WELFARE_TIME("volunteer.welfare-time", "userId", "volunteer-service",
            List.of(), 6),
    DONATION_DLQ("donation-service.dlq", "original key", "donation-service (dead letters)", List.of("operators"), 1),
    FOREST_DLQ("forest-service.dlq", "original key", "forest-service (dead letters)", List.of("operators"), 1),
    REUNION_DLQ("reunion-service.dlq", "original key", "reunion-service (dead letters)", List.of("operators"), 1),
    VOLUNTEER_DLQ("volunteer-service.dlq", "original key", "volunteer-service (dead letters)", List.of("operators"), 1);

    /** Records are never deleted by time or size: auditors replay from the beginning. */
    public static final String RETENTION_MS = "-1";

    /**
     * The configuration every topic has: kept forever ({@code retention.ms=-1}, {@code retention.bytes=-1}), never
     * compacted ({@code cleanup.policy=delete}: each event is a fact, not the latest value of its key).
     */
    public static final java.util.Map<String, String> CONFIG = java.util.Map.of(
            "retention.ms", RETENTION_MS, "retention.bytes", "-1", "cleanup.policy", "delete");

    private final String topicName;
    private final String key;
    private final String producer;
    private final List<String> consumers;
    private final int partitions;

    Topic(String topicName, String key, String producer, List<String> consumers, int partitions) {
        this.topicName = topicName;
        this.key = key;
        this.producer = producer;
        this.consumers = consumers;
        this.partitions = partitions;
    }

    public String topicName() {
        return topicName;
    }

    public String key() {
        return key;
    }

    public String producer() {
        return producer;
    }

    public List<String> consumers() {
        return consumers;
    }

    public int partitions() {
        return partitions;
    }

    public static Topic byName(String name) {
        for (Topic t : values()) {
            if (t.topicName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown topic: " + name);
    }
}
