package org.gongyi.forest;

import org.gongyi.events.Topic;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.ServiceDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test helpers: report actions as a partner would, and read the service's tables. */
public final class Fixtures {
    private Fixtures() {}

    public static String bearer(String user) {
        return "Bearer " + GongyiTestInfrastructure.bearer(user, "user");
    }

    public static String action(
            String user, String type, long quantity, Instant at, String sourceRef, Long amountFen, String household) {
        return """
                {"userId":"%s","actionType":"%s","quantity":%d,"occurredAt":"%s","sourceRef":"%s","amountFen":%s,\
                "householdAccount":%s}""".formatted(
                user, type, quantity, at, sourceRef, amountFen, household == null ? "null" : "\"" + household + "\"");
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
        ServiceDb.awaitProcessed(ids);
    }

    public static void report(String... actions) {
        report(List.of(actions));
    }

    /** Gives a user collected energy directly (set-up for spending tests, not a way the service credits energy). */
    public static void grant(String user, long grams) throws Exception {
        try (Connection c = GongyiTestInfrastructure.serviceConnection();
                PreparedStatement ps = c.prepareStatement(
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
        try (Connection c = GongyiTestInfrastructure.serviceConnection();
                PreparedStatement ps = c.prepareStatement(
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
