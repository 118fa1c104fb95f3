package org.gongyi.infra.test;

import jakarta.enterprise.inject.spi.CDI;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.gongyi.events.ProducerGuarantees;
import org.gongyi.events.Topic;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
                    return c.request()
                            .contentType("application/json")
                            // null for what is not given, as a generated client sends it
                            .body("{\"fromOffset\":null,\"fromTime\":\"2100-01-01T00:00:00Z\",\"toTime\":null}")
                            .post("/audit/replays");
                }),
                Row.roles(
                        "GET",
                        "/audit/replays/latest",
                        Set.of("auditor"),
                        200,
                        c -> c.request().get("/audit/replays/latest")),
                Row.roles(
                        "DELETE",
                        "/audit/replays/latest",
                        Set.of("auditor"),
                        200,
                        c -> c.request().delete("/audit/replays/latest")));
    }

    /** The schema (= database role) the service owns. */
    protected abstract String schema();

    @Test
    public void reportsReadyAgainstTheRealBrokerAndDatabase() {
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"));
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    public void servesOpenApiAndSwaggerOnTheApiPortHealthAndMetricsOnlyOnTheManagementPort() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("gongyi_outbox_pending"))
                .body(containsString("gongyi_outbox_backlog"))
                .body(containsString("gongyi_outbox_oldest_age_seconds"));
        for (String inside : List.of("/q/metrics", "/q/health", "/q/health/ready", "/q/health/live")) {
            given().get(inside).then().statusCode(404);
        }
        Management.given().get("/q/openapi").then().statusCode(404);
    }

    /**
     * Every schema of the OpenAPI document has a name of its own, as a client generator makes a class of each (issue
     * #35): smallrye-openapi numbers the second type of a simple name already taken ({@code Status1}), which says
     * nothing and changes with the order it meets them. A nested enum is named for its class with
     * {@code @Schema(name = "ActivityStatus")}.
     */
    @Test
    public void everySchemaOfTheOpenApiDocumentHasANameOfItsOwn() {
        Map<String, Object> schemas = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("components.schemas");
        assertEquals(
                List.of(),
                schemas.keySet().stream()
                        .filter(name -> Character.isDigit(name.charAt(name.length() - 1)))
                        .toList(),
                "schemas numbered for a name taken already: give each its own with @Schema(name = ...)");
    }

    @Test
    public void migratedItsOwnSchemaWithTheEventPlumbing() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = GongyiTestInfrastructure.serviceConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select table_name from information_schema.tables where table_schema = '" + schema() + "'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertTrue(
                tables.containsAll(List.of("outbox_event", "inbox_processed", "flyway_schema_history")),
                tables.toString());
    }

    /**
     * Every SQL statement the service keeps in a constant (a {@code static final String} starting with select,
     * insert, update, delete or with) prepares against the migrated schema as the service's role, with its
     * parameters' types deduced by PostgreSQL as the reactive client leaves them: what schema validation did for
     * entities, for the statements that replaced them (a wrong column, a type PostgreSQL cannot deduce).
     */
    @Test
    public void everyStatementPreparesAgainstTheSchema() throws Exception {
        Map<String, String> statements =
                Statements.constantsUnder(Path.of("target/classes"), getClass().getPackageName());
        assertFalse(statements.isEmpty(), "no SQL constants found under target/classes");
        List<String> failures = new ArrayList<>();
        try (Connection c = GongyiTestInfrastructure.serviceConnection();
                Statement s = c.createStatement()) {
            for (Map.Entry<String, String> e : statements.entrySet()) {
                try {
                    s.execute("prepare gongyi_statement_check as " + e.getValue());
                    s.execute("deallocate gongyi_statement_check");
                } catch (SQLException ex) {
                    failures.add(e.getKey() + ": " + ex.getMessage());
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    /**
     * The broker holds every topic of the catalogue with the catalogue's configuration: history kept forever, but
     * positions, push batches and dead letters only as long as the platform promises.
     */
    @Test
    public void everyTopicOnTheBrokerKeepsWhatTheCatalogueSays() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", GongyiTestInfrastructure.bootstrapServers()))) {
            List<ConfigResource> resources = Arrays.stream(Topic.values())
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.topicName()))
                    .toList();
            var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (Topic t : Topic.values()) {
                var actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t.topicName()));
                t.config()
                        .forEach((key, value) ->
                                assertEquals(value, actual.get(key).value(), t.topicName() + " " + key));
            }
        }
    }

    @Test
    public void everyProducerWaitsForAllReplicasAndNeverDuplicatesByRetrying() {
        Map<String, ProducerGuarantees.Settings> producers =
                CDI.current().select(ProducerGuarantees.class).get().effective();
        assertTrue(
                producers.keySet().containsAll(List.of("gongyi-outbox", "gongyi-dead-letters")), producers.toString());
        producers.forEach((channel, settings) -> assertTrue(settings.safe(), channel + ": " + settings));
    }
}
