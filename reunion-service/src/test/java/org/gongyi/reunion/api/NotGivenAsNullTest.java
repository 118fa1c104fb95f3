package org.gongyi.reunion.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.gongyi.reunion.Fixtures.ACTIVATION_CODE;
import static org.gongyi.reunion.Fixtures.admin;
import static org.gongyi.reunion.Fixtures.guardian;
import static org.gongyi.reunion.Fixtures.police;
import static org.gongyi.reunion.Fixtures.registerLocator;
import static org.gongyi.reunion.Fixtures.user;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A generated client sends {@code null} for every optional field its caller did not set (issue #35): each is taken as
 * not given, as the document says ({@code nullable}), and the contract check holds each request to the document.
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reunion"))
class NotGivenAsNullTest {

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    @Test
    void optionalFieldsSentAsNullAreNotGiven() {
        String agency = "null-psb-" + UUID.randomUUID();
        String officer = police("officer-null", agency);
        Instant lostAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);

        // a case without photo or description; a lead without place or photo, handled without a note; the case
        // closed as a false report, without an outcome
        String c = as(officer)
                .body("""
                        {"name": "Wang Fang", "age": 7, "sex": "FEMALE", "photoUrl": null, "description": null,
                         "latitude": -41.2, "longitude": 174.7, "lostAt": "%s", "contact": "PSB 110"}""".formatted(lostAt))
                .post("/cases")
                .then()
                .statusCode(201)
                .body("photoUrl", nullValue())
                .body("description", nullValue())
                .extract()
                .path("id");
        String lead = as(user("witness-" + UUID.randomUUID()))
                .body("""
                        {"text": "Seen at the ferry", "latitude": null, "longitude": null, "photoUrl": null}""")
                .post("/alerts/{id}/leads", c)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(officer)
                .body("""
                        {"outcome": "NOT_RELEVANT", "note": null}""")
                .put("/cases/{id}/leads/{leadId}/handling", c, lead)
                .then()
                .statusCode(200)
                .body("latitude", nullValue())
                .body("longitude", nullValue())
                .body("photoUrl", nullValue())
                .body("handling.outcome", equalTo("NOT_RELEVANT"))
                .body("handling.note", nullValue());
        as(officer)
                .body("""
                        {"closure": "FALSE_REPORT", "outcome": null}""")
                .post("/cases/{id}/close", c)
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("closure", equalTo("FALSE_REPORT"))
                .body("outcome", nullValue());

        // a family's report without description or photo, published by the agency without either
        String report = as(user("parent-" + UUID.randomUUID()))
                .body("""
                        {"agencyId": "%s", "name": "Zhou Yu", "age": 4, "sex": "MALE", "description": null,
                         "photoUrl": null, "latitude": -41.3, "longitude": 174.8, "lostAt": "%s",
                         "reporterContact": "139 0000 0000"}""".formatted(agency, lostAt))
                .post("/child-reports")
                .then()
                .statusCode(201)
                .body("description", nullValue())
                .body("photoUrl", nullValue())
                .extract()
                .path("id");
        as(officer)
                .body("""
                        {"contact": "PSB 110", "description": null, "photoUrl": null}""")
                .post("/child-reports/{id}/case", report)
                .then()
                .statusCode(201)
                .body("name", equalTo("Zhou Yu"))
                .body("description", nullValue())
                .body("photoUrl", nullValue());

        // an elder without a condition, escalated without a note, published without description or photo
        String g = guardian("son-" + UUID.randomUUID());
        String locator = registerLocator("loc-" + UUID.randomUUID());
        String elder = as(g).body("""
                        {"name": "Liu Hua", "birthYear": 1944, "condition": null, "locatorId": "%s",
                         "activationCode": "%s", "safeZone": {"latitude": -41.0, "longitude": 174.0,
                         "radiusMetres": 500}}""".formatted(locator, ACTIVATION_CODE))
                .post("/elders")
                .then()
                .statusCode(201)
                .body("condition", nullValue())
                .extract()
                .path("id");
        String escalation = as(g).body("""
                        {"agencyId": "%s", "note": null}""".formatted(agency))
                .post("/elders/{id}/escalations", elder)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(officer)
                .get("/escalations/{id}", escalation)
                .then()
                .statusCode(200)
                .body("condition", nullValue())
                .body("note", nullValue());
        as(officer)
                .body("""
                        {"sex": "FEMALE", "contact": "PSB 110", "description": null, "photoUrl": null}""")
                .post("/escalations/{id}/case", escalation)
                .then()
                .statusCode(201)
                .body("name", equalTo("Liu Hua"))
                .body("description", nullValue())
                .body("photoUrl", nullValue());

        // a DNA collection point without phone or opening hours
        as(admin())
                .body("""
                        {"name": "Null Street station", "address": "1 Null Street", "phone": null,
                         "openingHours": null, "latitude": -41.29, "longitude": 174.78}""")
                .post("/dna-points")
                .then()
                .statusCode(201)
                .body("phone", nullValue())
                .body("openingHours", nullValue())
                .body("distanceKm", nullValue());
    }
}
