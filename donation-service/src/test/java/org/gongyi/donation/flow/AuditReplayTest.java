package org.gongyi.donation.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.gongyi.events.Topic;
import org.gongyi.infra.test.AuditReplays;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.ServiceDb;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gongyi.donation.flow.DonationFlowTest.createProject;
import static org.gongyi.donation.flow.DonationFlowTest.sendPurchase;
import static org.gongyi.donation.flow.DonationFlowTest.setRule;
import static org.gongyi.infra.test.AuditReplays.replay;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An auditor's replay of donation-service (issue #9): commerce.orders read again into the shadow schema with the
 * consumer's own effects, projections compared with the live ones, against the real broker and database.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "donation"))
class AuditReplayTest {

    static final String AUDITOR = AuditReplays.AUDITOR;

    private static String project;

    @Test
    @Order(1)
    void replayOfAnUntouchedSystemReportsNoDifference() throws Exception {
        project = createProject("Audited project");
        String item = "audit-item-" + UUID.randomUUID();
        setRule(item, project, Map.of("type", "PERCENTAGE", "percent", 1));
        for (int i = 0; i < 20; i++) {
            sendPurchase("audit-order-" + UUID.randomUUID(), "audit-buyer-" + (i % 7), item, 1000 + i);
        }
        // refunds in every order they come in: two partial ones and the rest, one before its purchase (whole order
        // and one line), each purchase and refund sent twice as the real world does (same fact, new event id)
        String partial = "audit-order-" + UUID.randomUUID();
        String early = "audit-order-" + UUID.randomUUID();
        String earlyLine = "audit-order-" + UUID.randomUUID();
        Instant completed = Instant.now();
        for (int i = 0; i < 2; i++) {
            LedgerScenariosTest.awaitProcessed(LedgerScenariosTest.send(
                    partial, "audit-buyer-r", "Anhui", completed, new LedgerScenariosTest.Line(item, 3000)));
        }
        String firstPart = """
                {"orderId":"%s","buyerId":"audit-buyer-r","refundedAt":"%s","lines":[{"itemId":"%s","refundedFen":1000}]}""".formatted(partial, completed, item);
        for (int i = 0; i < 2; i++) {
            LedgerScenariosTest.awaitProcessed(KafkaTestClient.sendEvent(
                    Topic.COMMERCE_ORDERS.topicName(), partial, "commerce.order-refunded", firstPart));
        }
        LedgerScenariosTest.awaitProcessed(
                LedgerScenariosTest.refund(partial, "[{\"itemId\":\"" + item + "\",\"refundedFen\":1500}]"));
        LedgerScenariosTest.awaitProcessed(LedgerScenariosTest.refund(partial, null));
        LedgerScenariosTest.awaitProcessed(LedgerScenariosTest.refund(early, null));
        LedgerScenariosTest.awaitProcessed(LedgerScenariosTest.send(
                early, "audit-buyer-e", "Yunnan", Instant.now(), new LedgerScenariosTest.Line(item, 2000)));
        LedgerScenariosTest.awaitProcessed(
                LedgerScenariosTest.refund(earlyLine, "[{\"itemId\":\"" + item + "\",\"refundedFen\":400}]"));
        LedgerScenariosTest.awaitProcessed(LedgerScenariosTest.send(
                earlyLine, "audit-buyer-e", "Yunnan", Instant.now(), new LedgerScenariosTest.Line(item, 2000)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/projects/{id}", project)
                        .then()
                        .body("donationCount", equalTo(23))
                        .body("reversalCount", equalTo(5)));

        // the outbox forgets what it sent (Retention, after 10 minutes): do it now, the replay must not need it
        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceDb.count("select count(*) from outbox_pending") == 0);
        try (var c = GongyiTestInfrastructure.serviceConnection();
                var s = c.createStatement()) {
            s.executeUpdate("delete from outbox_event where id <= (select published_through from outbox_relay)");
        }

        JsonPath report = replay("{}");
        assertEquals("DONE", report.getString("status"), report.prettify());
        assertTrue(report.getLong("eventsRead") >= 20, report.prettify());
        assertEquals(report.getLong("eventsTotal"), report.getLong("eventsRead"));
        assertEquals(100.0, report.getDouble("percent"));
        assertEquals(0L, report.getLong("differences"), report.prettify());
        assertTrue(report.getBoolean("consistent"));
        List<String> names = report.getList("projections.name");
        assertTrue(
                names.containsAll(
                        List.of("project progress", "donations", "reversals", "platform totals", "history by minute")),
                names.toString());
        assertTrue(report.getLong("projections.find { it.name == 'history by minute' }.equal") >= 1, report.prettify());
        // the audited project was compared, row by row
        assertTrue(report.getLong("projections.find { it.name == 'donations' }.equal") >= 23, report.prettify());
        assertTrue(report.getLong("projections.find { it.name == 'reversals' }.equal") >= 3, report.prettify());
        assertTrue(
                report.getLong("projections.find { it.name == 'refunds before purchase' }.equal") >= 2,
                report.prettify());
        // one event per replayed donation and reversal is what was published, though the live outbox holds none
        Map<String, Object> emitted = report.getMap("projections.find { it.name == 'events emitted vs published' }");
        assertTrue(((Number) emitted.get("equal")).longValue() >= 1, report.prettify());
        assertEquals(emitted.get("liveRows"), emitted.get("replayRows"), report.prettify());

        // the readable form
        given().header("Authorization", AUDITOR)
                .accept("text/plain")
                .get("/audit/replays/latest")
                .then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("result: consistent, 0 differences"))
                .body(containsString("project progress"));
    }

    @Test
    @Order(2)
    void aProjectionRowAlteredByHandIsReportedAndTheSameReplayTwiceReportsTheSame() throws Exception {
        try (Connection c = GongyiTestInfrastructure.serviceConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("update charity_project set donated_fen = donated_fen + 1 where id = '" + project + "'");
        }
        try {
            JsonPath first = replay("{}");
            JsonPath second = replay("{}");
            for (JsonPath report : List.of(first, second)) {
                assertEquals("DONE", report.getString("status"), report.prettify());
                // against the replay, and against what the published donation events add up to
                assertEquals(2L, report.getLong("differences"), report.prettify());
                assertEquals(false, report.getBoolean("consistent"));
                Map<String, Object> progress = report.getMap("projections.find { it.name == 'project progress' }");
                assertEquals(1, progress.get("different"), progress.toString());
                Map<String, Object> fromEvents =
                        report.getMap("projections.find { it.name == 'project progress from published events' }");
                assertEquals(1, fromEvents.get("different"), fromEvents.toString());
                assertEquals(
                        Map.of("project", project),
                        report.getMap(
                                "projections.find { it.name == 'project progress from published events' }.firstDifferences[0].key"));
                Map<String, Object> d =
                        report.getMap("projections.find { it.name == 'project progress' }.firstDifferences[0]");
                assertEquals("different", d.get("kind"));
                assertEquals(Map.of("project", project), d.get("key"));
                Map<?, ?> live = (Map<?, ?>) d.get("live");
                Map<?, ?> replayed = (Map<?, ?>) d.get("replay");
                assertEquals(List.of("donated_fen"), List.copyOf(live.keySet()), d.toString());
                assertEquals(
                        ((Number) replayed.get("donated_fen")).longValue() + 1,
                        ((Number) live.get("donated_fen")).longValue(),
                        d.toString());
            }
            assertEquals(first.getLong("eventsRead"), second.getLong("eventsRead"));
            assertEquals(first.getList("projections"), second.getList("projections"));
            assertTrue(given().header("Authorization", AUDITOR)
                    .accept("text/plain")
                    .get("/audit/replays/latest")
                    .asString()
                    .contains("result: 2 differences"));
        } finally {
            try (Connection c = GongyiTestInfrastructure.serviceConnection();
                    Statement s = c.createStatement()) {
                s.executeUpdate(
                        "update charity_project set donated_fen = donated_fen - 1 where id = '" + project + "'");
            }
        }
    }

    @Test
    @Order(3)
    void aReplayFromATimestampReadsOnlyLaterEvents() throws Exception {
        String item = "audit-late-item-" + UUID.randomUUID();
        setRule(item, project, Map.of("type", "FIXED", "fixedFen", 10));
        Thread.sleep(50);
        Instant from = Instant.now();
        Thread.sleep(50);
        for (int i = 0; i < 3; i++) {
            sendPurchase("audit-late-" + UUID.randomUUID(), "audit-late-buyer", item, 500);
        }
        JsonPath report = replay("{\"fromTime\":\"" + from + "\"}");
        assertEquals("DONE", report.getString("status"), report.prettify());
        assertEquals(3, report.getLong("eventsRead"), report.prettify());
        assertEquals(from.toString(), report.getString("range.from"));
        // only those three were replayed: everything before is missing from the rebuilt projections (but the lucky
        // bags'
        // donations, which the replay makes again from the bags it copies, whatever its range)
        long bags = ServiceDb.count("select count(*) from donation where lucky_pool_id is not null");
        assertEquals(
                3 + bags, report.getLong("projections.find { it.name == 'donations' }.replayRows"), report.prettify());
        assertTrue(report.getLong("projections.find { it.name == 'donations' }.onlyInLive") >= 20, report.prettify());

        // to a time before them: nothing at all
        JsonPath none = replay("{\"fromTime\":\"" + from.minusSeconds(1) + "\",\"toTime\":\"" + from + "\"}");
        assertEquals(0, none.getLong("eventsRead"), none.prettify());
    }

    @Test
    @Order(4)
    void twoReplaysAtOnceAreRefusedAndARunningOneCanBeCancelled() throws Exception {
        AuditReplays.awaitNoneRunning();
        // another instance holds the replay lock: refused
        try (Connection c = GongyiTestInfrastructure.serviceConnection();
                Statement s = c.createStatement()) {
            s.execute("select pg_advisory_lock(hashtextextended('gongyi.replay:' || current_schema(), 0))");
            given().header("Authorization", AUDITOR)
                    .contentType("application/json")
                    .body("{}")
                    .post("/audit/replays")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("another instance"));
        }
        // another service's replay (the services may share a database) does not hold this one up
        try (Connection c = GongyiTestInfrastructure.serviceConnection();
                Statement s = c.createStatement()) {
            s.execute("select pg_advisory_lock(hashtextextended('gongyi.replay:forest', 0))");
            assertEquals(
                    "DONE", replay("{\"fromTime\":\"2100-01-01T00:00:00Z\"}").getString("status"));
        }
        // a replay held up while it prepares the shadow schema (a lock on one of its tables): a second one is
        // refused, and a cancelled one ends as CANCELLED without comparing
        try (Connection c = GongyiTestInfrastructure.serviceConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("lock table donation_audit.donation in access exclusive mode");
            given().header("Authorization", AUDITOR)
                    .contentType("application/json")
                    .body("{}")
                    .post("/audit/replays")
                    .then()
                    .statusCode(202)
                    .header("Location", containsString("/audit/replays/latest"))
                    .body("status", equalTo("PREPARING"));
            given().header("Authorization", AUDITOR)
                    .contentType("application/json")
                    .body("{}")
                    .post("/audit/replays")
                    .then()
                    .statusCode(409)
                    .body("detail", containsString("is running"));
            given().header("Authorization", AUDITOR)
                    .delete("/audit/replays/latest")
                    .then()
                    .statusCode(200);
            c.rollback();
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().header("Authorization", AUDITOR)
                        .get("/audit/replays/latest")
                        .then()
                        .body("status", equalTo("CANCELLED"))
                        .body("projections.size()", equalTo(0)));
    }

    @Test
    @Order(5)
    void badRequestsAreProblems() {
        AuditReplays.awaitNoneRunning();
        given().header("Authorization", AUDITOR)
                .contentType("application/json")
                .body("{\"fromOffset\":5,\"fromTime\":\"2026-01-01T00:00:00Z\"}")
                .post("/audit/replays")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", AUDITOR)
                .contentType("application/json")
                .body("{\"fromTime\":\"2026-01-02T00:00:00Z\",\"toTime\":\"2026-01-01T00:00:00Z\"}")
                .post("/audit/replays")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", AUDITOR)
                .contentType("application/json")
                .body("{\"fromOffset\":-1}")
                .post("/audit/replays")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", AUDITOR)
                .contentType("application/json")
                .body("{\"fromTime\":\"yesterday\"}")
                .post("/audit/replays")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        ServiceDb.rejected(
                        given().header("Authorization", "Bearer " + GongyiTestInfrastructure.bearer("admin-1", "admin"))
                                .contentType("application/json")
                                .body("{}")
                                .post("/audit/replays")
                                .then())
                .statusCode(403);
    }
}
