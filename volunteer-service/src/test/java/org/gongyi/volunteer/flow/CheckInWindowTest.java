package org.gongyi.volunteer.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.TestClock;
import org.gongyi.volunteer.Fixtures;
import org.gongyi.volunteer.domain.GeoPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.gongyi.volunteer.Fixtures.charity;
import static org.gongyi.volunteer.Fixtures.user;
import static org.hamcrest.Matchers.equalTo;

/**
 * A check-in matches its activity (issue #33): from 30 minutes before the start to 30 minutes after the end (the
 * configured grace), both ends included; at an activity with a place, a position given must be within its radius (to
 * the metre, the radius included), and the volunteer's own check-in must give one. Both ways of checking in.
 */
@QuarkusTest
@WithTestResource(
        value = GongyiTestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "volunteer"))
class CheckInWindowTest {

    static final GeoPoint PLACE = new GeoPoint(24.4439, 118.0902);

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** An activity (2 hours from {@code now}, for 3 hours; with a place or none) and its volunteers, signed up. */
    record Activity(String id, String coordinator, String code, Instant start, Instant end) {}

    static Activity activity(Instant now, GeoPoint place, String... volunteers) {
        String org = "window-org-" + UUID.randomUUID();
        Instant start = now.plus(Duration.ofHours(2));
        Map<String, Object> more = new HashMap<>();
        if (place != null) {
            more.put("latitude", place.latitude());
            more.put("longitude", place.longitude());
        }
        String id = Fixtures.activity(org, 10, start, more);
        for (String v : volunteers) {
            given().header("Authorization", user(v))
                    .post("/activities/{id}/sign-ups", id)
                    .then()
                    .statusCode(201);
        }
        String coordinator = charity("coordinator-" + org, org);
        String code = given().header("Authorization", coordinator)
                .get("/activities/{id}/check-in-code", id)
                .then()
                .statusCode(200)
                .extract()
                .path("code");
        return new Activity(id, coordinator, code, start, start.plus(Duration.ofHours(3)));
    }

    static ValidatableResponse byOrganiser(Activity a, String v, GeoPoint at) {
        var request = given().header("Authorization", a.coordinator());
        if (at != null) {
            request = request.queryParam("at", at.latitude() + "," + at.longitude());
        }
        return request.post("/activities/{id}/attendance/{u}/check-in", a.id(), v)
                .then();
    }

    static ValidatableResponse byCode(Activity a, String v, GeoPoint at) {
        Map<String, Object> body = new HashMap<>(Map.of("code", a.code()));
        if (at != null) {
            body.put("latitude", at.latitude());
            body.put("longitude", at.longitude());
        }
        return given().header("Authorization", user(v))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/activities/{id}/self-check-in", a.id())
                .then();
    }

    static String v(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void theOrganiserChecksInFromHalfAnHourBeforeTheStartToHalfAnHourAfterTheEnd() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String early = v("early"), late = v("late");
        Activity a = activity(now, null, early, late);
        Instant opens = a.start().minus(Duration.ofMinutes(30));
        Instant closes = a.end().plus(Duration.ofMinutes(30));

        clock.set(opens.minusSeconds(1));
        byOrganiser(a, early, null)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("Check-in opens at " + opens));
        clock.set(opens);
        byOrganiser(a, early, null).statusCode(200).body("checkedInAt", equalTo(opens.toString()));

        clock.set(closes.plusSeconds(1));
        byOrganiser(a, late, null)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("Check-in closed at " + closes));
        clock.set(closes);
        byOrganiser(a, late, null).statusCode(200).body("checkedInAt", equalTo(closes.toString()));
    }

    @Test
    void theVolunteersOwnCheckInHasTheSameWindow() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String early = v("self-early"), late = v("self-late");
        Activity a = activity(now, null, early, late);
        Instant opens = a.start().minus(Duration.ofMinutes(30));
        Instant closes = a.end().plus(Duration.ofMinutes(30));

        clock.set(opens.minusSeconds(1));
        byCode(a, early, null).statusCode(409).body("detail", equalTo("Check-in opens at " + opens));
        clock.set(opens);
        byCode(a, early, null).statusCode(200).body("status", equalTo("OPEN"));
        clock.set(closes.plusSeconds(1));
        byCode(a, late, null).statusCode(409).body("detail", equalTo("Check-in closed at " + closes));
        clock.set(closes);
        byCode(a, late, null).statusCode(200).body("status", equalTo("OPEN"));
    }

    @Test
    void atAnActivityWithAPlaceAPositionGivenIsWithinItsRadiusTheRadiusIncluded() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String atEdge = v("edge"), beyond = v("beyond"), organised = v("organised"), unplaced = v("unplaced");
        Activity a = activity(now, PLACE, atEdge, beyond, organised, unplaced);
        clock.set(a.start());

        // the volunteer's own check-in: exactly 500 m away is in, 501 m is out, no position is refused
        byCode(a, beyond, PLACE.north(501))
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("You are 501 m from the activity's place; check-in is within 500 m"));
        byCode(a, unplaced, null)
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "detail",
                        equalTo("This activity checks volunteers in within 500 m of its place: send your position "
                                + "(latitude and longitude)"));
        byCode(a, atEdge, PLACE.north(500)).statusCode(200).body("status", equalTo("OPEN"));
        byCode(a, beyond, PLACE.north(-500)).statusCode(200).body("status", equalTo("OPEN"));

        // the organiser's: a position given counts the same way; none is enough (the organiser is there)
        byOrganiser(a, organised, PLACE.north(-501))
                .statusCode(403)
                .body("detail", equalTo("You are 501 m from the activity's place; check-in is within 500 m"));
        byOrganiser(a, organised, PLACE.north(500)).statusCode(200);
        byOrganiser(a, unplaced, null).statusCode(200);
    }

    @Test
    void theRadiusIsTheOrganisationsChoice() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String near = v("near"), far = v("far");
        String org = "radius-org-" + UUID.randomUUID();
        Instant start = now.plus(Duration.ofHours(2));
        String id = Fixtures.activity(
                org,
                5,
                start,
                Map.of("latitude", PLACE.latitude(), "longitude", PLACE.longitude(), "checkInRadiusM", 50));
        given().get("/activities/{id}", id).then().body("checkInRadiusM", equalTo(50));
        for (String v : new String[] {near, far}) {
            given().header("Authorization", user(v))
                    .post("/activities/{id}/sign-ups", id)
                    .then()
                    .statusCode(201);
        }
        String coordinator = charity("coordinator-" + org, org);
        Activity a = new Activity(id, coordinator, null, start, start.plus(Duration.ofHours(3)));
        clock.set(start);
        byOrganiser(a, far, PLACE.north(51)).statusCode(403);
        byOrganiser(a, near, PLACE.north(50)).statusCode(200);
    }

    @Test
    void aMalformedPositionIsAClearProblem() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String v = v("malformed");
        Activity a = activity(now, PLACE, v);
        clock.set(a.start());
        for (String at : new String[] {"here", "24.44", "91,118", "24.44,181"}) {
            given().header("Authorization", a.coordinator())
                    .queryParam("at", at)
                    .post("/activities/{id}/attendance/{u}/check-in", a.id(), v)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        for (Map<String, Object> body : java.util.List.<Map<String, Object>>of(
                Map.of("code", a.code(), "latitude", 24.44),
                Map.of("code", a.code(), "longitude", 118.09),
                Map.of("code", a.code(), "latitude", 90.01, "longitude", 118.09),
                Map.of("code", a.code(), "latitude", 24.44, "longitude", "east"))) {
            given().header("Authorization", user(v))
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/activities/{id}/self-check-in", a.id())
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        byOrganiser(a, v, PLACE).statusCode(200);
    }
}
