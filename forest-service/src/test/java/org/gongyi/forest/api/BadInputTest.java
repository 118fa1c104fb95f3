package org.gongyi.forest.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gongyi.events.Topic;
import org.gongyi.forest.Fixtures;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.ServiceDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and careless input to the forest: every rejected request is a 4xx problem+json that leaves the database as
 * it was; odd but valid text is stored verbatim; an event that breaks its schema is dead-lettered and changes nothing.
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "forest"))
class BadInputTest {

    private static final String ADMIN = "Bearer " + GongyiTestInfrastructure.bearer("root", "admin");
    private static final String[] TABLES = {
        "energy_rule_version",
        "energy_rule",
        "energy_account",
        "energy_action",
        "energy_ball",
        "tree_species",
        "planting_project",
        "plot",
        "tree",
        "tree_owner",
        "protected_area",
        "area_claim",
        "county_plot",
        "station",
        "plot_photo",
        "friend_link",
        "shield",
        "watering",
        ServiceDb.OUTGOING_EVENTS
    };

    private static ValidatableResponse post(String token, String path, String body) {
        return given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(path)
                .then();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{",
                "not json",
                "[]",
                "null",
                "{}",
                "{\"name\":\"p\",\"region\":\"r\",\"speciesCode\":\"BAOBAB\",\"stock\":5,\"plots\":[{\"name\":\"a\"}]}",
                "{\"name\":\"p\",\"region\":\"r\",\"speciesCode\":\"SAXAUL\",\"stock\":-1,\"plots\":[{\"name\":\"a\"}]}",
                "{\"name\":\"p\",\"region\":\"r\",\"speciesCode\":\"SAXAUL\",\"stock\":1e30,\"plots\":[{\"name\":\"a\"}]}",
                "{\"name\":\"p\",\"region\":\"r\",\"speciesCode\":\"SAXAUL\",\"stock\":\"many\",\"plots\":[{\"name\":\"a\"}]}",
                "{\"name\":\"p\",\"region\":\"r\",\"speciesCode\":\"SAXAUL\",\"stock\":5,\"plots\":[]}",
                "{\"name\":\"p\",\"region\":\"r\",\"speciesCode\":\"SAXAUL\",\"stock\":5}",
                "{\"name\":\"p\",\"region\":\"r\",\"speciesCode\":\"SAXAUL\",\"stock\":5,\"plots\":[{\"name\":\"a\",\"latitude\":91}]}",
                "{\"name\":\"p\",\"region\":\"r\",\"speciesCode\":\"SAXAUL\",\"stock\":5,\"plots\":[null]}",
                "{\"name\":\"\",\"region\":\"r\",\"speciesCode\":\"SAXAUL\",\"stock\":5,\"plots\":[{\"name\":\"a\"}]}"
            })
    void badPlantingProjectsAreRejectedAndChangeNothing(String body) throws Exception {
        String before = ServiceDb.snapshot(TABLES);
        ServiceDb.rejected(post(ADMIN, "/planting-projects", body));
        assertEquals(before, ServiceDb.snapshot(TABLES));
    }

    @Test
    void badRuleTablesSpeciesAreaAndPhotosAreRejectedAndChangeNothing() throws Exception {
        List<Map<String, Object>> rules =
                given().get("/energy-rules").jsonPath().getList("rules");
        String station = stationOnNewPlot();
        String before = ServiceDb.snapshot(TABLES);
        ServiceDb.rejected(post(ADMIN, "/energy-rules", "{\"rules\":[{\"actionType\":\"TELEPORT\",\"grams\":5}]}"))
                .body("detail", containsString("WALKING"));
        ServiceDb.rejected(post(ADMIN, "/energy-rules", "{\"rules\":[{\"actionType\":\"METRO_RIDE\",\"grams\":-5}]}"));
        ServiceDb.rejected(post(ADMIN, "/energy-rules", "{\"rules\":[]}"));
        ServiceDb.rejected(
                post(ADMIN, "/energy-rules", "{\"effectiveFrom\":\"tomorrow\",\"rules\":" + json(rules) + "}"));
        ServiceDb.rejected(given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"nameZh\":\"x\",\"nameEn\":\"x\",\"energyGrams\":100}")
                .put("/species/{c}", "lower-case")
                .then());
        ServiceDb.rejected(given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"nameZh\":\"x\",\"nameEn\":\"x\",\"energyGrams\":-100}")
                .put("/species/{c}", "NEW_ONE")
                .then());
        ServiceDb.rejected(post(
                ADMIN, "/protected-areas", "{\"name\":\"a\",\"region\":\"r\",\"sizeM2\":0,\"priceGramsPerM2\":1}"));
        ServiceDb.rejected(post(
                ADMIN,
                "/protected-areas",
                "{\"name\":\"a\",\"region\":\"r\",\"sizeM2\":9223372036854775808,\"priceGramsPerM2\":1}"));
        ServiceDb.rejected(
                post(ADMIN, "/county-plots", "{\"county\":\"c\",\"name\":\"n\",\"sizeM2\":10,\"priceGrams\":0}"));
        ServiceDb.rejected(post(ADMIN, "/stations", "{\"plotId\":\"" + UUID.randomUUID() + "\",\"name\":\"s\"}"));
        ServiceDb.rejected(post(
                        ADMIN,
                        "/stations/" + station + "/photos",
                        "{\"takenAt\":\"" + Instant.now().plus(Duration.ofDays(1))
                                + "\",\"imageUrl\":\"https://x.org/a.jpg\"}"))
                .body("detail", equalTo("takenAt is in the future"));
        ServiceDb.rejected(post(
                ADMIN,
                "/stations/" + station + "/photos",
                "{\"takenAt\":\"2026-01-01T00:00:00Z\",\"imageUrl\":\"<script>alert(1)</script>\"}"));
        ServiceDb.rejected(post(
                ADMIN,
                "/stations/" + station + "/photos",
                "{\"takenAt\":\"2026-01-01T00:00:00Z\",\"imageUrl\":\"https://x.org/" + "a".repeat(2_000) + "\"}"));
        ServiceDb.rejected(post(
                        ADMIN,
                        "/stations/" + UUID.randomUUID() + "/photos",
                        "{\"takenAt\":\"2026-01-01T00:00:00Z\",\"imageUrl\":\"https://x.org/a.jpg\"}"))
                .statusCode(404);
        ServiceDb.rejected(post(ADMIN, "/shield-items", "{\"userId\":\"u\",\"items\":1000,\"hours\":24}"));
        assertEquals(before, ServiceDb.snapshot(TABLES));
    }

    @Test
    void badSpendingChangesNoBalance() throws Exception {
        String u = "bad-spender-" + UUID.randomUUID();
        String token = Fixtures.bearer(u);
        Fixtures.grant(u, 1_000);
        String area = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "a", "region", "r", "sizeM2", 10, "priceGramsPerM2", 1))
                .post("/protected-areas")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String before = ServiceDb.snapshot(TABLES);
        ServiceDb.rejected(post(token, "/trees", "{\"projectId\":\"not-a-uuid\"}"));
        ServiceDb.rejected(post(token, "/trees", "{}"));
        ServiceDb.rejected(post(token, "/trees", "{\"projectId\":\"" + UUID.randomUUID() + "\"}"))
                .statusCode(404);
        for (String m2 : new String[] {"0", "-5", "1e12", "9223372036854775808", "\"ten\""}) {
            ServiceDb.rejected(post(token, "/protected-areas/" + area + "/claims", "{\"m2\":" + m2 + "}"));
        }
        ServiceDb.rejected(post(token, "/protected-areas/" + area + "/claims", "{\"m2\":11}"))
                .statusCode(409);
        ServiceDb.rejected(post(token, "/county-plots/" + UUID.randomUUID() + "/claim", ""))
                .statusCode(404);
        ServiceDb.rejected(given().header("Authorization", token)
                .post("/me/balls/{b}/collect", "not-a-uuid")
                .then());
        ServiceDb.rejected(given().header("Authorization", token)
                .post("/friends/{f}/water", "f".repeat(300))
                .then());
        ServiceDb.rejected(given().header("Authorization", token)
                        .put("/me/friends/{f}", u)
                        .then())
                .statusCode(400);
        ServiceDb.rejected(given().header("Authorization", token)
                .get("/me/trees/{c}/photo", "c".repeat(41))
                .then());
        assertEquals(before, ServiceDb.snapshot(TABLES));
    }

    @Test
    void badQueryParametersAreRejected() {
        ServiceDb.rejected(
                given().queryParam("size", 100_000).get("/planting-projects").then());
        ServiceDb.rejected(
                given().queryParam("page", -1).get("/protected-areas").then());
        ServiceDb.rejected(
                given().queryParam("size", "ten").get("/county-plots").then());
        ServiceDb.rejected(given().queryParam("at", "yesterday")
                        .get("/energy-rules")
                        .then())
                .statusCode(400)
                .body("detail", equalTo("at must be a time like 2026-11-29T08:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"' OR 1=1 --", "<script>alert('x')</script>", "阿拉善 🌱 梭梭林", "Robert'); DROP TABLE tree;--"})
    void oddTextIsStoredVerbatim(String text) {
        String id = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        text,
                        "region",
                        text,
                        "speciesCode",
                        "SAXAUL",
                        "stock",
                        1,
                        "plots",
                        List.of(Map.of("name", text))))
                .post("/planting-projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().get("/planting-projects/{id}", id)
                .then()
                .statusCode(200)
                .body("name", equalTo(text))
                .body("region", equalTo(text))
                .body("plots[0].name", equalTo(text));
        String u = "odd-" + UUID.randomUUID();
        given().header("Authorization", Fixtures.bearer(u))
                .put("/me/friends/{f}", text)
                .then()
                .statusCode(200);
        given().header("Authorization", Fixtures.bearer(u))
                .get("/me/friends")
                .then()
                .body("userId", hasItem(text));
    }

    @Test
    void anActionBreakingItsSchemaIsDeadLetteredAndChangesNothing() throws Exception {
        String u = "bad-event-" + UUID.randomUUID();
        String before = ServiceDb.snapshot(TABLES);
        String teleport =
                Fixtures.action(u, "TELEPORT", 1, Instant.parse("2026-03-01T00:00:00Z"), "tp-" + u, null, null);
        String negative =
                Fixtures.action(u, "METRO_RIDE", -3, Instant.parse("2026-03-01T00:00:00Z"), "neg-" + u, null, null);
        String t = KafkaTestClient.sendEvent(
                Topic.LOWCARBON_ACTIONS.topicName(), u, "lowcarbon.action-recorded", teleport);
        String n = KafkaTestClient.sendEvent(
                Topic.LOWCARBON_ACTIONS.topicName(), u, "lowcarbon.action-recorded", negative);
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readUntil(
                        Topic.FOREST_DLQ.topicName(),
                        Duration.ofSeconds(30),
                        rs -> rs.stream().filter(r -> r.value().contains(u)).count() >= 2)
                .stream()
                .filter(r -> r.value().contains(u))
                .toList();
        assertEquals(
                List.of(t, n),
                dead.stream().map(r -> KafkaTestClient.header(r, "ce_id")).toList());
        assertTrue(
                KafkaTestClient.header(dead.get(0), "dead-letter-reason").contains("actionType"),
                KafkaTestClient.header(dead.get(0), "dead-letter-reason"));
        // a valid action after them is processed (the consumer did not stop), and the bad ones left no trace
        Fixtures.report(
                Fixtures.action(u, "METRO_RIDE", 1, Instant.parse("2026-03-01T00:00:00Z"), "ok-" + u, null, null));
        assertEquals(1, ServiceDb.count("select count(*) from energy_action where user_id = ?", u));
        // the valid action's own rows and event aside
        String its =
                "(energy_action|energy_ball|energy_account|" + Pattern.quote(ServiceDb.OUTGOING_EVENTS) + ")=[^ ]+ ";
        assertEquals(before.replaceAll(its, ""), ServiceDb.snapshot(TABLES).replaceAll(its, ""));
    }

    private static String json(Object o) throws Exception {
        return new ObjectMapper().writeValueAsString(o);
    }

    private static String stationOnNewPlot() {
        String project = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "bad-input",
                        "region",
                        "r",
                        "speciesCode",
                        "SAXAUL",
                        "stock",
                        1,
                        "plots",
                        List.of(Map.of("name", "p"))))
                .post("/planting-projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String plot =
                given().get("/planting-projects/{id}", project).then().extract().path("plots[0].id");
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("plotId", plot, "name", "s"))
                .post("/stations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
