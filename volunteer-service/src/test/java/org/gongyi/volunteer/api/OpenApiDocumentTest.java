package org.gongyi.volunteer.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.OpenApiExamples;
import org.gongyi.volunteer.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the served document shows (issue #35, docs/openapi.md): examples of the main requests. */
@QuarkusTest
@WithTestResource(
        value = GongyiTestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "volunteer"))
class OpenApiDocumentTest {

    private static final Pattern DATE_TIME = Pattern.compile("\"(\\d{4})(-\\d\\d-\\d\\dT[^\"]*)\"");
    private static final String CODE = "482913";

    /**
     * The main requests show examples, each of a body its operation accepts; the service takes them as written (the
     * check-in code, the one the activity shows; activities and campaigns, a year later once their dates are past).
     */
    @Test
    void theMainRequestsHaveExamplesTheServiceTakes() {
        String document = OpenApiExamples.servedDocument();
        List<OpenApiExamples.Example> examples = OpenApiExamples.of(document);
        assertEquals(
                List.of(
                        "POST /activities with-a-place",
                        "POST /activities online",
                        "POST /activities/{id}/self-check-in at-the-place",
                        "POST /activities/{id}/self-check-in code-only",
                        "POST /activities/{id}/self-check-out code",
                        "POST /campaigns charity-week",
                        "POST /campaigns lei-feng-day",
                        "POST /me/blood-donations whole-blood-400",
                        "PUT /organisations/{id} verified",
                        "POST /service-records/{id}/dispute wrong-time"),
                examples.stream().map(e -> e.operation() + " " + e.name()).toList());
        assertEquals(List.of(), OpenApiExamples.violations(document));

        given().header("Authorization", Fixtures.ADMIN)
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "PUT /organisations/{id} verified"))
                .put("/organisations/{id}", "hangzhou-blood-centre")
                .then()
                .statusCode(200)
                .body("verified", equalTo(true));
        post(Fixtures.ADMIN, ahead(OpenApiExamples.body(examples, "POST /activities with-a-place")), "/activities", 201)
                .body("organisationId", equalTo("hangzhou-blood-centre"))
                .body("checkInRadiusM", equalTo(300))
                .body("placesLeft", equalTo(20));
        post(Fixtures.ADMIN, ahead(OpenApiExamples.body(examples, "POST /activities online")), "/activities", 201)
                .body("city", nullValue())
                .body("latitude", nullValue());
        post(Fixtures.ADMIN, ahead(OpenApiExamples.body(examples, "POST /campaigns charity-week")), "/campaigns", 201)
                .body("actions.size()", equalTo(7));
        post(Fixtures.ADMIN, ahead(OpenApiExamples.body(examples, "POST /campaigns lei-feng-day")), "/campaigns", 201)
                .body("goal", equalTo(100_000));
        post(
                        Fixtures.user("donor-" + UUID.randomUUID()),
                        OpenApiExamples.body(examples, "POST /me/blood-donations whole-blood-400"),
                        "/me/blood-donations",
                        201)
                .body("status", equalTo("PENDING"))
                .body("volumeMl", equalTo(400));

        // checking in at activities whose check-in is open now: on the map at the example's place, and online
        String org = "examples-" + UUID.randomUUID();
        Instant start = Instant.now().plus(Duration.ofMinutes(25));
        String atPlace = Fixtures.activity(org, 10, start, Map.of("latitude", 30.2741, "longitude", 120.1551));
        String online = Fixtures.activity(org, 10, start, Map.of());
        String volunteer = Fixtures.user("volunteer-" + UUID.randomUUID());
        String record = post(
                        volunteer,
                        signedUp(
                                volunteer,
                                org,
                                atPlace,
                                OpenApiExamples.body(examples, "POST /activities/{id}/self-check-in at-the-place")),
                        "/activities/" + atPlace + "/self-check-in",
                        200)
                .body("status", equalTo("OPEN"))
                .extract()
                .path("id");
        post(
                        volunteer,
                        OpenApiExamples.body(examples, "POST /activities/{id}/self-check-out code")
                                .replace(CODE, code(org, atPlace)),
                        "/activities/" + atPlace + "/self-check-out",
                        200)
                .body("checkedOutAt", notNullValue());
        post(
                        volunteer,
                        OpenApiExamples.body(examples, "POST /service-records/{id}/dispute wrong-time"),
                        "/service-records/" + record + "/dispute",
                        200)
                .body("status", equalTo("DISPUTED"));
        String another = Fixtures.user("volunteer-" + UUID.randomUUID());
        post(
                        another,
                        signedUp(
                                another,
                                org,
                                online,
                                OpenApiExamples.body(examples, "POST /activities/{id}/self-check-in code-only")),
                        "/activities/" + online + "/self-check-in",
                        200)
                .body("status", equalTo("OPEN"));
    }

    /** The volunteer signed up (confirmed) to the activity; the example with the code the activity shows. */
    private static String signedUp(String volunteer, String org, String activity, String example) {
        given().header("Authorization", volunteer)
                .post("/activities/{id}/sign-ups", activity)
                .then()
                .statusCode(201)
                .body("status", equalTo("CONFIRMED"));
        return example.replace(CODE, code(org, activity));
    }

    /** The check-in code the organisation shows on site. */
    private static String code(String org, String activity) {
        return given().header("Authorization", Fixtures.charity("coordinator-" + org, org))
                .get("/activities/{id}/check-in-code", activity)
                .then()
                .statusCode(200)
                .extract()
                .path("code");
    }

    private static ValidatableResponse post(String authorization, String body, String path, int status) {
        return given().header("Authorization", authorization)
                .contentType("application/json")
                .body(body)
                .post(path)
                .then()
                .statusCode(status);
    }

    /**
     * The example with its date-times moved on by whole years until the first is more than a day ahead: as written
     * until its dates pass.
     */
    private static String ahead(String example) {
        Matcher first = DATE_TIME.matcher(example);
        if (!first.find()) {
            throw new AssertionError("no date-time in " + example);
        }
        int years = 0;
        while (instant(Integer.parseInt(first.group(1)) + years + first.group(2))
                .isBefore(Instant.now().plus(Duration.ofDays(1)))) {
            years++;
        }
        int shift = years;
        return DATE_TIME
                .matcher(example)
                .replaceAll(m ->
                        "\"" + (Integer.parseInt(m.group(1)) + shift) + Matcher.quoteReplacement(m.group(2)) + "\"");
    }

    /** An instant (with its offset), or a China Standard Time date-time. */
    private static Instant instant(String dateTime) {
        return dateTime.endsWith("Z")
                ? Instant.parse(dateTime)
                : LocalDateTime.parse(dateTime)
                        .atZone(ZoneId.of("Asia/Shanghai"))
                        .toInstant();
    }
}
