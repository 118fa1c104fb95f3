package org.gongyi.reunion.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.ServiceDb;
import org.gongyi.reunion.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hostile and careless input to reunion: 4xx problem+json, nothing written; odd text stored verbatim. */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reunion"))
class BadInputTest {

    private static final String OFFICER = Fixtures.police("officer-bad", "bad-psb");
    private static final String[] TABLES = {
        "missing_case", "device", "alert_delivery", "lead", ServiceDb.OUTGOING_EVENTS
    };

    private static String caseBody(String override) {
        String base = "\"name\":\"Li\",\"age\":6,\"sex\":\"MALE\",\"latitude\":30,\"longitude\":120," + "\"lostAt\":\""
                + Instant.now().minusSeconds(60) + "\",\"contact\":\"110\"";
        return "{" + (override == null ? base : override) + "}";
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{",
                "nope",
                "[]",
                "null",
                "{}",
                "{\"name\":\"Li\",\"age\":6,\"sex\":\"BOY\",\"latitude\":30,\"longitude\":120,\"lostAt\":\"2026-01-01T00:00:00Z\",\"contact\":\"110\"}",
                "{\"name\":\"Li\",\"age\":-1,\"sex\":\"MALE\",\"latitude\":30,\"longitude\":120,\"lostAt\":\"2026-01-01T00:00:00Z\",\"contact\":\"110\"}",
                "{\"name\":\"Li\",\"age\":6,\"sex\":\"MALE\",\"latitude\":91,\"longitude\":120,\"lostAt\":\"2026-01-01T00:00:00Z\",\"contact\":\"110\"}",
                "{\"name\":\"Li\",\"age\":6,\"sex\":\"MALE\",\"latitude\":30,\"longitude\":1e400,\"lostAt\":\"2026-01-01T00:00:00Z\",\"contact\":\"110\"}",
                "{\"name\":\"Li\",\"age\":6,\"sex\":\"MALE\",\"latitude\":\"north\",\"longitude\":120,\"lostAt\":\"2026-01-01T00:00:00Z\",\"contact\":\"110\"}",
                "{\"name\":\"Li\",\"age\":6,\"sex\":\"MALE\",\"latitude\":30,\"longitude\":120,\"lostAt\":\"yesterday\",\"contact\":\"110\"}",
                "{\"name\":\"Li\",\"age\":6,\"sex\":\"MALE\",\"latitude\":30,\"longitude\":120,\"lostAt\":\"2999-01-01T00:00:00Z\",\"contact\":\"110\"}",
                "{\"name\":\"Li\",\"age\":6,\"sex\":\"MALE\",\"latitude\":30,\"longitude\":120,\"lostAt\":\"2026-01-01T00:00:00Z\",\"contact\":\"110\",\"photoUrl\":\"javascript:alert(1)\"}",
                "{\"name\":\"\",\"age\":6,\"sex\":\"MALE\",\"latitude\":30,\"longitude\":120,\"lostAt\":\"2026-01-01T00:00:00Z\",\"contact\":\"110\"}",
                "{\"age\":6,\"sex\":\"MALE\",\"latitude\":30,\"longitude\":120,\"lostAt\":\"2026-01-01T00:00:00Z\",\"contact\":\"110\"}"
            })
    void badCasesAreRejectedAndChangeNothing(String body) throws Exception {
        String before = ServiceDb.snapshot(TABLES);
        ServiceDb.rejected(given().header("Authorization", OFFICER)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/cases")
                .then());
        assertEquals(before, ServiceDb.snapshot(TABLES));
    }

    @Test
    void unknownEnumsNameTheAllowedValues() {
        ServiceDb.rejected(given().header("Authorization", OFFICER)
                        .contentType(ContentType.JSON)
                        .body(caseBody("\"name\":\"Li\",\"age\":6,\"sex\":\"BOY\",\"latitude\":30,\"longitude\":120,"
                                + "\"lostAt\":\"2026-01-01T00:00:00Z\",\"contact\":\"110\""))
                        .post("/cases")
                        .then())
                .statusCode(400)
                .body("detail", containsString("FEMALE"));
    }

    @Test
    void oversizedAndBadDevicesLeadsAndClosuresChangeNothing() throws Exception {
        String c = Fixtures.publish(OFFICER, 30, 120, Instant.now().minusSeconds(60));
        String user = Fixtures.user("bad-user-" + UUID.randomUUID());
        String before = ServiceDb.snapshot(TABLES);
        ServiceDb.rejected(given().header("Authorization", OFFICER)
                        .contentType(ContentType.JSON)
                        .body(caseBody(
                                "\"name\":\"" + "n".repeat(101) + "\",\"age\":6,\"sex\":\"MALE\",\"latitude\":30,"
                                        + "\"longitude\":120,\"lostAt\":\"2026-01-01T00:00:00Z\",\"contact\":\"110\""))
                        .post("/cases")
                        .then())
                .body("errors[0].field", equalTo("name"));
        ServiceDb.rejected(given().header("Authorization", OFFICER)
                        .contentType(ContentType.JSON)
                        .body("{\"description\":\"" + "x".repeat(200_000) + "\"}")
                        .post("/cases")
                        .then())
                .statusCode(413);
        for (String body : new String[] {
            "{\"closure\":\"FOUND\"}",
            "{\"closure\":\"FALSE_REPORT\",\"outcome\":\"RESCUED\"}",
            "{\"closure\":\"MAYBE\"}",
            "{}"
        }) {
            ServiceDb.rejected(given().header("Authorization", OFFICER)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/cases/{id}/close", c)
                    .then());
        }
        ServiceDb.rejected(given().header("Authorization", OFFICER)
                .contentType(ContentType.JSON)
                .body("{\"closure\":\"FALSE_REPORT\"}")
                .post("/cases/{id}/close", "not-a-uuid")
                .then());
        for (String body : new String[] {
            "{\"text\":\"\"}",
            "{\"text\":\"" + "t".repeat(2001) + "\"}",
            "{\"text\":\"x\",\"latitude\":10}",
            "{\"text\":\"x\",\"latitude\":100,\"longitude\":10}",
            "{\"text\":\"x\",\"photoUrl\":\"<script>\"}"
        }) {
            ServiceDb.rejected(given().header("Authorization", user)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/alerts/{id}/leads", c)
                    .then());
        }
        ServiceDb.rejected(given().header("Authorization", user)
                        .contentType(ContentType.JSON)
                        .body("{\"text\":\"x\"}")
                        .post("/alerts/{id}/leads", UUID.randomUUID())
                        .then())
                .statusCode(404);
        for (String body : new String[] {
            "{\"platform\":\"NOKIA\",\"pushToken\":\"t\",\"latitude\":1,\"longitude\":1}",
            "{\"platform\":\"IOS\",\"pushToken\":\"\",\"latitude\":1,\"longitude\":1}",
            "{\"platform\":\"IOS\",\"pushToken\":\"" + "p".repeat(501) + "\",\"latitude\":1,\"longitude\":1}",
            "{\"platform\":\"IOS\",\"pushToken\":\"t\",\"latitude\":-91,\"longitude\":1}",
            "{\"platform\":\"IOS\",\"pushToken\":\"t\"}"
        }) {
            ServiceDb.rejected(given().header("Authorization", user)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/devices")
                    .then());
        }
        ServiceDb.rejected(given().queryParam("lat", 91)
                .queryParam("lon", 0)
                .get("/alerts")
                .then());
        ServiceDb.rejected(given().queryParam("lat", 10).get("/alerts").then());
        ServiceDb.rejected(given().queryParam("lat", "here")
                .queryParam("lon", 0)
                .get("/alerts")
                .then());
        ServiceDb.rejected(given().queryParam("from", "2017-13-01")
                        .get("/statistics")
                        .then())
                .statusCode(400);
        assertEquals(before, ServiceDb.snapshot(TABLES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"' OR 1=1 --", "<script>alert('x')</script>", "李明 👦 蓝色外套", "Robert'); DROP TABLE lead;--"})
    void oddTextIsStoredVerbatim(String text) {
        String c = given().header("Authorization", OFFICER)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        text,
                        "age",
                        7,
                        "sex",
                        "UNKNOWN",
                        "description",
                        text,
                        "latitude",
                        31.2,
                        "longitude",
                        121.5,
                        "lostAt",
                        Instant.now().minusSeconds(30).toString(),
                        "contact",
                        text))
                .post("/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().get("/alerts/{id}", c)
                .then()
                .statusCode(200)
                .body("name", equalTo(text))
                .body("description", equalTo(text))
                .body("contact", equalTo(text));
        given().header("Authorization", Fixtures.user("odd-" + UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body(Map.of("text", text))
                .post("/alerts/{id}/leads", c)
                .then()
                .statusCode(201);
        given().header("Authorization", OFFICER)
                .get("/cases/{id}/leads", c)
                .then()
                .body("[0].text", equalTo(text));
    }
}
