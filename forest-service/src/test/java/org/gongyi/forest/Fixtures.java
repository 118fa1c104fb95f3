package org.gongyi.forest;

import org.gongyi.events.Topic;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Test helpers: report actions as a partner would, and read the service's tables. */
public final class Fixtures {
    private Fixtures() {
    }

    public static String bearer(String user) {
        return "Bearer " + GongyiTestInfrastructure.bearer(user, "user");
    }

    public static String action(String user, String type, long quantity, Instant at, String sourceRef, Long amountFen,
                                String household) {
        return """
                {"userId":"%s","actionType":"%s","quantity":%d,"occurredAt":"%s","sourceRef":"%s","amountFen":%s,\
                "householdAccount":%s}""".formatted(user, type, quantity, at, sourceRef, amountFen,
                household == null ? "null" : "\"" + household + "\"");
    }

    /** Sends actions in order (keyed by user) and waits until the service has recorded or ignored all of them. */
    public static void report(List<String> actions) {
        List<KafkaTestClient.Event> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String json : actions) {
            String user = json.substring(json.indexOf("\"userId\":\"") + 10);
            user = user.substring(0, user.indexOf('"'));
            String id = UUID.randomUUID().toString();
            ids.add(id);
            events.add(new KafkaTestClient.Event(user, "lowcarbon.action-recorded", id, json));
        }
        KafkaTestClient.sendEvents(Topic.LOWCARBON_ACTIONS.topicName(), events);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("select count(*) from inbox_processed where cast(event_id as text) = any(?)",
                        (Object) ids.toArray(new String[0])) == ids.size());
    }

    public static void report(String... actions) {
        report(List.of(actions));
    }

    public static long count(String sql, Object... params) throws Exception {
        List<List<Object>> rows = query(sql, params);
        Object v = rows.get(0).get(0);
        return v == null ? 0 : ((Number) v).longValue();
    }

    public static List<List<Object>> query(String sql, Object... params) throws Exception {
        try (Connection c = GongyiTestInfrastructure.serviceConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof String[] array) {
                    ps.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** Gives a user collected energy directly (set-up for spending tests, not a way the service credits energy). */
    public static void grant(String user, long grams) throws Exception {
        try (Connection c = GongyiTestInfrastructure.serviceConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into energy_account (user_id, balance_grams, collected_grams, created_at) values (?, ?, ?, now()) "
                        + "on conflict (user_id) do update set balance_grams = energy_account.balance_grams + excluded.balance_grams")) {
            ps.setString(1, user);
            ps.setLong(2, grams);
            ps.setLong(3, grams);
            ps.executeUpdate();
        }
    }

    /** A ripe ball for {@code user}, written directly (set-up only); returns its id. */
    public static String ripeBall(String user, long grams) throws Exception {
        String id = UUID.randomUUID().toString();
        try (Connection c = GongyiTestInfrastructure.serviceConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into energy_ball (id, user_id, kind, action_type, grams, ripens_at, expires_at, created_at) "
                        + "values (cast(? as uuid), ?, 'ACTION', 'METRO_RIDE', ?, now() - interval '1 hour', "
                        + "now() + interval '71 hours', now())")) {
            ps.setString(1, id);
            ps.setString(2, user);
            ps.setLong(3, grams);
            ps.executeUpdate();
        }
        return id;
    }
}
