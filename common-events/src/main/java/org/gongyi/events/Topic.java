package org.gongyi.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The topic catalogue: every Kafka topic of the platform, its record key, producer and consumers, and how long it
 * keeps its records ({@link #config()}). Event history is audit history, so a topic keeps its records forever unless
 * they carry personal data the platform promises to forget: exact positions (30 days, as the database keeps them),
 * who sent leads on missing-child alerts and who took part in campaigns (30 days, for the campaigns and their lucky
 * bags), push tokens and what is pushed to people (7 days) and dead letters (30 days, for operators to re-drive).
 */
public enum Topic {
    COMMERCE_ORDERS("commerce.orders", "orderId", "commerce platform (external)", List.of("donation-service"), 12),
    DONATION_EVENTS("donation.donations", "buyerId", "donation-service", List.of("volunteer-service"), 6),
    DONATION_PROGRAMMES("donation.programmes", "programmeId", "donation-service", List.of(), 3),
    LOWCARBON_ACTIONS("lowcarbon.actions", "userId", "partner apps (external)", List.of("forest-service"), 12),
    FOREST_EVENTS("forest.events", "userId", "forest-service", List.of("volunteer-service"), 6),
    FOREST_NOTIFICATIONS(
            "forest.notifications",
            "userId",
            "forest-service",
            List.of("push gateway (external)"),
            6,
            Duration.ofDays(7)),
    REUNION_ALERTS("reunion.alerts", "caseId", "reunion-service", List.of(), 3),
    REUNION_PARTICIPATIONS(
            "reunion.participations",
            "userId",
            "reunion-service",
            List.of("volunteer-service"),
            6,
            Duration.ofDays(30)),
    LOCATOR_POSITIONS(
            "reunion.locator-positions",
            "locatorId",
            "locator gateway (external)",
            List.of("reunion-service"),
            6,
            Duration.ofDays(30)),
    REUNION_PUSH(
            "reunion.push",
            "caseId, elderId or deviceId",
            "reunion-service",
            List.of("push gateway (external)"),
            6,
            Duration.ofDays(7)),
    VOLUNTEER_ACTIVITIES(
            "volunteer.activities", "activityId", "volunteer-service", List.of("notification gateway (external)"), 3),
    VOLUNTEER_PARTICIPATIONS(
            "volunteer.participations",
            "personId",
            "volunteer-service",
            List.of("donation-service"),
            12,
            Duration.ofDays(30)),
    VOLUNTEER_WELFARE_TIME("volunteer.welfare-time", "userId", "volunteer-service", List.of(), 6),
    DONATION_DLQ(
            "donation-service.dlq",
            "original key",
            "donation-service (dead letters)",
            List.of("operators"),
            1,
            Duration.ofDays(30)),
    FOREST_DLQ(
            "forest-service.dlq",
            "original key",
            "forest-service (dead letters)",
            List.of("operators"),
            1,
            Duration.ofDays(30)),
    REUNION_DLQ(
            "reunion-service.dlq",
            "original key",
            "reunion-service (dead letters)",
            List.of("operators"),
            1,
            Duration.ofDays(30)),
    VOLUNTEER_DLQ(
            "volunteer-service.dlq",
            "original key",
            "volunteer-service (dead letters)",
            List.of("operators"),
            1,
            Duration.ofDays(30));

    private final String topicName;
    private final String key;
    private final String producer;
    private final List<String> consumers;
    private final int partitions;
    private final Duration retention;

    Topic(String topicName, String key, String producer, List<String> consumers, int partitions) {
        this(topicName, key, producer, consumers, partitions, null);
    }

    Topic(String topicName, String key, String producer, List<String> consumers, int partitions, Duration retention) {
        this.topicName = topicName;
        this.key = key;
        this.producer = producer;
        this.consumers = consumers;
        this.partitions = partitions;
        this.retention = retention;
    }

    /** How long the topic keeps a record; empty: forever (auditors replay from the beginning). */
    public Optional<Duration> retention() {
        return Optional.ofNullable(retention);
    }

    /**
     * The topic's configuration: kept forever ({@code retention.ms=-1}) or for its {@link #retention()}, never by size
     * ({@code retention.bytes=-1}), never compacted ({@code cleanup.policy=delete}: each event is a fact, not the
     * latest value of its key).
     */
    public Map<String, String> config() {
        return Map.of(
                "retention.ms",
                retention == null ? "-1" : String.valueOf(retention.toMillis()),
                "retention.bytes",
                "-1",
                "cleanup.policy",
                "delete");
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
