package org.gongyi.infra.test;

import io.restassured.path.json.JsonPath;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An auditor's replays of the service under test (issue #9), over its HTTP API. */
public final class AuditReplays {

    public static final String AUDITOR = "Bearer " + EmbeddedTestInfrastructure.bearer("auditor-1", "auditor");

    private AuditReplays() {}

    /** Starts a replay ({@code body}: the range, {@code {}} for everything) and returns its finished report. */
    public static JsonPath replay(String body) {
        awaitNoneRunning();
        given().header("Authorization", AUDITOR)
                .contentType("application/json")
                .body(body)
                .post("/audit/replays")
                .then()
                .statusCode(202);
        awaitNoneRunning();
        return given().header("Authorization", AUDITOR)
                .get("/audit/replays/latest")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /**
     * A replay of everything reports no difference; once {@code alter} has changed one projection row by hand, a
     * replay reports exactly that row as different, in each of the projections named in {@code keys} (projection →
     * the row's key there) and nowhere else; {@code restore} undoes it.
     */
    public static void assertFindsOnlyARowAlteredByHand(
            String alter, String restore, Map<String, Map<String, Object>> keys) throws SQLException {
        JsonPath clean = replay("{}");
        assertEquals("DONE", clean.getString("status"), clean.prettify());
        assertEquals(0L, clean.getLong("differences"), clean.prettify());
        exec(alter);
        try {
            JsonPath altered = replay("{}");
            assertEquals((long) keys.size(), altered.getLong("differences"), altered.prettify());
            keys.forEach((projection, key) -> {
                String p = "projections.find { it.name == \"" + projection + "\" }";
                assertEquals(1, altered.getInt(p + ".different"), projection + ": " + altered.prettify());
                assertEquals("different", altered.getString(p + ".firstDifferences[0].kind"));
                assertEquals(key, altered.getMap(p + ".firstDifferences[0].key"));
            });
        } finally {
            exec(restore);
        }
    }

    private static void exec(String sql) throws SQLException {
        try (Connection c = EmbeddedTestInfrastructure.serviceConnection();
                Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate(sql), sql);
        }
    }

    /** Waits until no replay runs (none started, or the latest finished). */
    public static void awaitNoneRunning() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            var r = given().header("Authorization", AUDITOR).get("/audit/replays/latest");
            if (r.statusCode() == 404
                    || List.of("DONE", "CANCELLED", "FAILED")
                            .contains(r.jsonPath().getString("status"))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a replay is still running: " + r.asString());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
