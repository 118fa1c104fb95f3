package org.gongyi.volunteer.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.gongyi.volunteer.Fixtures.charity;
import static org.gongyi.volunteer.Fixtures.user;
import static org.gongyi.volunteer.Fixtures.verified;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A generated client sends {@code null} for every optional field its caller did not set (issue #35): each is taken as
 * not given, as the document says ({@code nullable}), and the contract check holds each request to the document.
 */
@QuarkusTest
@WithTestResource(
        value = GongyiTestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "volunteer"))
class NotGivenAsNullTest {

    @Test
    void optionalFieldsSentAsNullAreNotGiven() {
        String org = "null-org-" + UUID.randomUUID();
        verified(org);
        String coordinator = charity("coordinator-" + org, org);
        // check-in opens 30 minutes before the start: open now, on the real clock
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(25));

        // the charity's own organisation, sign-ups until the start, category OTHER, no city, place or radius
        String activity = given().header("Authorization", coordinator)
                .contentType(ContentType.JSON)
                .body("""
                        {"organisationId": null, "title": "Park clean-up", "description": null,
                         "place": "Riverside park", "startsAt": "%s", "endsAt": "%s", "signUpDeadline": null,
                         "capacity": 10, "city": null, "category": null, "latitude": null, "longitude": null,
                         "checkInRadiusM": null}""".formatted(start, start.plus(Duration.ofHours(2))))
                .post("/activities")
                .then()
                .statusCode(201)
                .body("organisationId", equalTo(org))
                .body("description", nullValue())
                .body("signUpDeadline", equalTo(start.toString()))
                .body("city", nullValue())
                .body("category", equalTo("OTHER"))
                .body("latitude", nullValue())
                .body("longitude", nullValue())
                .body("checkInRadiusM", nullValue())
                .extract()
                .path("id");

        // a volunteer checks in with the code, without a position (the activity has no place)
        String volunteer = "null-volunteer-" + UUID.randomUUID();
        given().header("Authorization", user(volunteer))
                .post("/activities/{id}/sign-ups", activity)
                .then()
                .statusCode(201)
                .body("status", equalTo("CONFIRMED"));
        String code = given().header("Authorization", coordinator)
                .get("/activities/{id}/check-in-code", activity)
                .then()
                .statusCode(200)
                .extract()
                .path("code");
        given().header("Authorization", user(volunteer))
                .contentType(ContentType.JSON)
                .body("{\"code\": \"" + code + "\", \"latitude\": null, \"longitude\": null}")
                .post("/activities/{id}/self-check-in", activity)
                .then()
                .statusCode(200)
                .body("userId", equalTo(volunteer))
                .body("status", equalTo("OPEN"))
                .body("checkedOutAt", nullValue());
    }
}
