package org.gongyi.volunteer;

import io.restassured.http.ContentType;
import org.gongyi.infra.test.GongyiTestInfrastructure;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;

/** Test helpers: tokens, verified organisations, activities, many requests at once. */
public final class Fixtures {
    private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

    private Fixtures() {}

    public static final String ADMIN = "Bearer " + GongyiTestInfrastructure.bearer("root", "admin");

    public static String user(String subject) {
        return "Bearer " + GongyiTestInfrastructure.bearer(subject, "user");
    }

    public static String charity(String subject, String org) {
        return "Bearer "
                + GongyiTestInfrastructure.tokens()
                        .token(subject, List.of("charity"), Duration.ofHours(1), Map.of("org", org));
    }

    public static void verified(String org) {
        if (VERIFIED.add(org)) {
            given().header("Authorization", ADMIN)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "Org " + org, "verified", true))
                    .put("/organisations/{id}", org)
                    .then()
                    .statusCode(200);
        }
    }

    /**
     * An activity of the organisation from {@code start} for 3 hours, sign-ups until the start, with the capacity and
     * {@code more} of the body (city, category, latitude …); returns its id.
     */
    public static String activity(String org, int capacity, Instant start, Map<String, Object> more) {
        verified(org);
        Map<String, Object> body = new HashMap<>(Map.of(
                "title",
                "Beach clean-up",
                "place",
                "Xiamen, Huandao Rd",
                "startsAt",
                start.toString(),
                "endsAt",
                start.plus(Duration.ofHours(3)).toString(),
                "capacity",
                capacity));
        body.putAll(more);
        return given().header("Authorization", charity("coordinator-" + org, org))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/activities")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /**
     * An activity of the organisation whose check-in is open on the real clock for a while: it starts in 25 minutes
     * (check-in opens 30 minutes before the start), sign-ups until then.
     */
    public static String activityCheckingInNow(String org, int capacity) {
        return activity(org, capacity, Instant.now().plus(Duration.ofMinutes(25)), Map.of());
    }

    /** An activity of the organisation starting in {@code startsIn}, with the capacity; returns its id. */
    public static String activity(String org, int capacity, Instant now, Duration startsIn) {
        verified(org);
        Instant start = now.plus(startsIn);
        return given().header("Authorization", charity("coordinator-" + org, org))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Beach clean-up",
                        "place",
                        "Xiamen, Huandao Rd",
                        "startsAt",
                        start.toString(),
                        "endsAt",
                        start.plus(Duration.ofHours(3)).toString(),
                        "signUpDeadline",
                        start.minus(Duration.ofHours(1)).toString(),
                        "capacity",
                        capacity))
                .post("/activities")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
