package org.gongyi.infra.test;

import org.gongyi.events.ProducerGuarantees;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every service must do once booted against the real broker and database: report ready, serve its OpenAPI
 * document, Swagger UI and Prometheus metrics, and have migrated its own schema (including the outbox and inbox).
 * and answer every caller of every endpoint as its authorization matrix says. A service's test extends it and adds
 * {@code @QuarkusTest} and the infrastructure resource.
 */
public abstract class ServiceBootContract extends AuthorizationMatrixContract {

    @Override
    protected List<Row> allRows() {
        List<Row> all = new ArrayList<>(rows());
        all.addAll(auditRows());
        return all;
    }

    /**
     * The audit endpoints every service has (issue #9), for its matrix: only an auditor starts (a replay of nothing:
     * from a time no event has), follows and cancels a replay. The rows run in this order.
     */
    protected static List<Row> auditRows() {
        return List.of(
                Row.roles("POST", "/audit/replays", Set.of("auditor"), 202, c -> {
                    if ("auditor".equals(c.role())) {
                        AuditReplays.awaitNoneRunning();
                    }
                    return c.request().contentType("application/json").body("{\"fromTime\":\"2100-01-01T00:00:00Z\"}")
                            .post("/audit/replays");
                }),
                Row.roles("GET", "/audit/replays/latest", Set.of("auditor"), 200,
                        c -> c.request().get("/audit/replays/latest")),
                Row.roles("DELETE", "/audit/replays/latest", Set.of("auditor"), 200,
                        c -> c.request().delete("/audit/replays/latest")));
    }

    /** The schema (= database role) the service owns. */
    protected abstract String schema();

    @Test
    public void reportsReadyAgainstTheRealBrokerAndDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    public void servesOpenApiSwaggerAndMetrics() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("gongyi_outbox_pending"))
                .body(containsString("gongyi_outbox_backlog")).body(containsString("gongyi_outbox_oldest_age_seconds"));
    }

    @Test
    public void migratedItsOwnSchemaWithTheEventPlumbing() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = GongyiTestInfrastructure.serviceConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = '"
                     + schema() + "'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertTrue(tables.containsAll(List.of("outbox_event", "inbox_processed", "flyway_schema_history")),
                tables.toString());
    }

    @Test
    public void everyProducerWaitsForAllReplicasAndNeverDuplicatesByRetrying() {
        Map<String, ProducerGuarantees.Settings> producers =
                jakarta.enterprise.inject.spi.CDI.current().select(ProducerGuarantees.class).get().effective();
        assertTrue(producers.keySet().containsAll(List.of("gongyi-outbox", "gongyi-dead-letters")), producers.toString());
        producers.forEach((channel, settings) -> assertTrue(settings.safe(), channel + ": " + settings));
    }
}
