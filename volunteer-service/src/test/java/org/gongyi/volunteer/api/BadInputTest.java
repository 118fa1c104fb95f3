package org.gongyi.volunteer.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.ServiceDb;
import org.gongyi.volunteer.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hostile and careless input to 3 Hours: 4xx problem+json, nothing written; odd text stored verbatim. */
@QuarkusTest
@WithTestResource(
        value = GongyiTestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "volunteer"))
class BadInputTest {

    private static final String ORG = "bad-input-org";
    private static final String COORDINATOR = Fixtures.charity("bad-coordinator", ORG);
    private static final String[] TABLES = {
        "organisation",
        "activity",
        "sign_up",
        "service_record",
        "welfare_credit",
        "welfare_year",
        ServiceDb.OUTGOING_EVENTS
    };

    private static ValidatableResponse post(String token, String path, String body) {
        return given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(path)
                .then();
    }

    private static String activity(String title, String startsAt, String endsAt, String deadline, String capacity) {
        return "{\"title\":" + title + ",\"place\":\"Xiamen\",\"startsAt\":" + startsAt + ",\"endsAt\":" + endsAt
                + (deadline == null ? "" : ",\"signUpDeadline\":" + deadline) + ",\"capacity\":" + capacity + "}";
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{",
                "nope",
                "[]",
                "null",
                "{}",
                "{\"title\":\"t\",\"place\":\"p\",\"startsAt\":\"soon\",\"endsAt\":\"2030-01-01T03:00:00Z\",\"capacity\":5}",
                "{\"title\":\"t\",\"place\":\"p\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"endsAt\":\"2029-01-01T00:00:00Z\",\"capacity\":5}",
                "{\"title\":\"t\",\"place\":\"p\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"endsAt\":\"2030-01-01T03:00:00Z\",\"capacity\":0}",
                "{\"title\":\"t\",\"place\":\"p\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"endsAt\":\"2030-01-01T03:00:00Z\",\"capacity\":1e12}",
                "{\"title\":\"t\",\"place\":\"p\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"endsAt\":\"2030-01-01T03:00:00Z\",\"capacity\":\"lots\"}",
                "{\"title\":\"t\",\"place\":\"p\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"endsAt\":\"2030-01-01T03:00:00Z\",\"signUpDeadline\":\"2030-01-02T00:00:00Z\",\"capacity\":5}",
                "{\"title\":\"t\",\"place\":\"p\",\"startsAt\":\"2020-01-01T00:00:00Z\",\"endsAt\":\"2020-01-01T03:00:00Z\",\"capacity\":5}",
                "{\"title\":\"\",\"place\":\"p\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"endsAt\":\"2030-01-01T03:00:00Z\",\"capacity\":5}",
                "{\"title\":\"t\",\"place\":\"p\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"endsAt\":\"2030-01-01T03:00:00Z\",\"capacity\":5,\"organisationId\":\"someone-else\"}"
            })
    void badActivitiesAreRejectedAndChangeNothing(String body) throws Exception {
        Fixtures.verified(ORG);
        String before = ServiceDb.snapshot(TABLES);
        ServiceDb.rejected(post(COORDINATOR, "/activities", body));
        assertEquals(before, ServiceDb.snapshot(TABLES));
    }

    @Test
    void unverifiedOrganisationsAndBadRequestsChangeNothing() throws Exception {
        Fixtures.verified(ORG);
        String a = Fixtures.activity(ORG, 3, Instant.now(), Duration.ofDays(2));
        String before = ServiceDb.snapshot(TABLES);
        ServiceDb.rejected(post(
                Fixtures.charity("c", "never-verified-" + UUID.randomUUID()),
                "/activities",
                activity("\"t\"", "\"2030-01-01T00:00:00Z\"", "\"2030-01-01T03:00:00Z\"", null, "5")));
        ServiceDb.rejected(post(COORDINATOR, "/activities", "{\"title\":\"" + "t".repeat(201) + "\"}"));
        ServiceDb.rejected(given().header("Authorization", Fixtures.ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"verified\":\"maybe\"}")
                .put("/organisations/{id}", "bad id with spaces")
                .then());
        ServiceDb.rejected(given().header("Authorization", Fixtures.user("u"))
                .post("/activities/{id}/sign-ups", "not-a-uuid")
                .then());
        ServiceDb.rejected(given().header("Authorization", Fixtures.user("u"))
                        .post("/activities/{id}/sign-ups", UUID.randomUUID())
                        .then())
                .statusCode(404);
        ServiceDb.rejected(given().header("Authorization", Fixtures.user("u"))
                        .delete("/activities/{id}/sign-ups/me", a)
                        .then())
                .statusCode(404);
        ServiceDb.rejected(given().header("Authorization", COORDINATOR)
                .post("/activities/{id}/attendance/{u}/check-in", a, "u".repeat(201))
                .then());
        ServiceDb.rejected(given().header("Authorization", COORDINATOR)
                        .post("/activities/{id}/attendance/{u}/check-out", a, "never-checked-in")
                        .then())
                .statusCode(404);
        ServiceDb.rejected(given().header("Authorization", COORDINATOR)
                .queryParam("tenths", -1)
                .post("/service-records/{id}/verify", UUID.randomUUID())
                .then());
        ServiceDb.rejected(given().header("Authorization", Fixtures.user("u"))
                .queryParam("year", 1800)
                .get("/me/welfare-time")
                .then());
        ServiceDb.rejected(
                given().queryParam("size", 100_000).get("/activities").then());
        assertEquals(before, ServiceDb.snapshot(TABLES));
    }

    /** A path parameter out of its bounds is answered 400 (as the document says), not 404. */
    @Test
    void pathParametersOutOfBoundsAre400() throws Exception {
        Fixtures.verified(ORG);
        String a = Fixtures.activity(ORG, 3, Instant.now(), Duration.ofDays(2));
        String before = ServiceDb.snapshot(TABLES);
        ServiceDb.rejected(given().header("Authorization", COORDINATOR)
                        .post("/activities/{id}/attendance/{u}/check-out", a, "u".repeat(201))
                        .then())
                .statusCode(400);
        ServiceDb.rejected(given().header("Authorization", Fixtures.user("u"))
                        .get("/me/certificates/{year}", 1999)
                        .then())
                .statusCode(400);
        ServiceDb.rejected(given().get("/certificates/three-hours/{no}", "N".repeat(41))
                        .then())
                .statusCode(400);
        ServiceDb.rejected(given().get("/certificates/three-hours/{no}/pdf", "N".repeat(41))
                        .then())
                .statusCode(400);
        assertEquals(before, ServiceDb.snapshot(TABLES));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"' OR 1=1 --", "<script>alert('x')</script>", "海滩清洁 🌊 厦门", "Robert'); DROP TABLE sign_up;--"})
    void oddTextIsStoredVerbatim(String text) {
        Fixtures.verified(ORG);
        Instant start = Instant.now().plus(Duration.ofDays(3));
        String id = given().header("Authorization", COORDINATOR)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        text,
                        "description",
                        text,
                        "place",
                        text,
                        "startsAt",
                        start.toString(),
                        "endsAt",
                        start.plus(Duration.ofHours(1)).toString(),
                        "capacity",
                        2))
                .post("/activities")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().get("/activities/{id}", id)
                .then()
                .statusCode(200)
                .body("title", equalTo(text))
                .body("description", equalTo(text))
                .body("place", equalTo(text));
    }
}
