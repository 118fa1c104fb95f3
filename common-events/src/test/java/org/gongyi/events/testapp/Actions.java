package org.gongyi.events.testapp;

import org.gongyi.events.EventType;
import org.gongyi.events.Topic;
import org.gongyi.infra.KafkaTopics;
import org.gongyi.infra.test.EmbeddedTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient.Event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Low-carbon actions for the tests: as partners send them, and what the test consumer made of them. */
public final class Actions {

    public static final String TOPIC = Topic.LOWCARBON_ACTIONS.topicName();
    public static final String TYPE = EventType.LOWCARBON_ACTION_RECORDED.ceType();

    private Actions() {}

    /** The JSON of an action, valid against its schema. */
    public static String json(String userId, long quantity, String sourceRef) {
        return """
                {"userId":"%s","actionType":"WALKING","quantity":%d,"occurredAt":"%s","sourceRef":"%s",\
                "amountFen":null,"householdAccount":null}""".formatted(userId, quantity, Instant.parse("2026-05-01T10:00:00Z"), sourceRef);
    }

    /** An action as a new event (a fresh {@code ce_id}), keyed by its user. */
    public static Event event(String userId, long quantity, String sourceRef) {
        return new Event(userId, TYPE, UUID.randomUUID().toString(), json(userId, quantity, sourceRef));
    }

    /** Waits until the test consumer's group has committed every record of the topic: everything in it was handled. */
    public static void awaitConsumed() {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        KafkaTopics.lag(EmbeddedTestInfrastructure.bootstrapServers(), ActionsConsumer.GROUP, TOPIC)
                                == 0);
    }

    /** The quantities of {@code userId}'s actions, in the order they were applied (once per application). */
    public static List<Long> applied(String userId) throws SQLException {
        return longs("select quantity from action_applied where user_id = ? order by applied_order", userId);
    }

    /** The numbers a query returns (its first column), for one string parameter. */
    public static List<Long> longs(String sql, String param) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = EmbeddedTestInfrastructure.serviceConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** The number a query returns (one row, one column). */
    public static long count(String sql) throws SQLException {
        try (Connection c = EmbeddedTestInfrastructure.serviceConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs a statement as the service's role; returns the rows it changed. */
    public static int execute(String sql, Object... params) throws SQLException {
        try (Connection c = EmbeddedTestInfrastructure.serviceConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }
}
