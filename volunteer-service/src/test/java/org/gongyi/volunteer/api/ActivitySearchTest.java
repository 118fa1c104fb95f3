package org.gongyi.volunteer.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.volunteer.Fixtures;
import org.gongyi.volunteer.domain.GeoPoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finding activities (issue #33): by city (exactly, any case), category, the days they start on (China Standard
 * Time, both ends included) and distance from a point, each alone and together, paged in start order — exact at the
 * edges. This run's activities are in a city of its own (and around a point of its own), so others never match.
 */
@QuarkusTest
@WithTestResource(
        value = GongyiTestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "volunteer"))
class ActivitySearchTest {

    static final String ORG = "search-org";
    static final String M = "m" + UUID.randomUUID().toString().substring(0, 8);
    static final String CITY = "Searchtown " + M;
    /** The first day searched: ten days from now in China. */
    static final LocalDate D = LocalDate.now(ChinaTime.ZONE).plusDays(10);
    /** This run's point, somewhere in China far from the fixtures of other runs. */
    static final GeoPoint P = new GeoPoint(
            25 + ThreadLocalRandom.current().nextDouble(15),
            100 + ThreadLocalRandom.current().nextDouble(20));

    private static boolean created;

    /** The run's activities, once (the application is up only from the first test on). */
    @BeforeEach
    synchronized void activities() {
        if (created) {
            return;
        }
        created = true;
        publish("day before", CITY, "CHILDREN", at(D.minusDays(1), "23:59:59"), null);
        publish("first day", CITY, "ELDERLY", at(D, "00:00:00"), P.north(2_000));
        publish("upper case", CITY.toUpperCase(Locale.ROOT), "ELDERLY", at(D.plusDays(1), "10:00:00"), null);
        publish("last day", CITY, "ENVIRONMENT", at(D.plusDays(2), "23:59:59"), P.north(2_001));
        publish("day after", CITY, "ELDERLY", at(D.plusDays(3), "00:00:00"), P);
    }

    /** The day {@code n} days after {@link #D}, as a query gives it. */
    static String day(int n) {
        return D.plusDays(n).toString();
    }

    static Instant at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).atZone(ChinaTime.ZONE).toInstant();
    }

    static void publish(String title, String city, String category, Instant start, GeoPoint place) {
        Map<String, Object> more = new HashMap<>(Map.of("title", M + " " + title, "city", city, "category", category));
        if (place != null) {
            more.put("latitude", place.latitude());
            more.put("longitude", place.longitude());
        }
        Fixtures.activity(ORG, 10, start, more);
    }

    /** The titles found (this run's, without the marker), in the order given. */
    static List<String> found(Map<String, Object> query) {
        List<String> titles = given().queryParams(query)
                .get("/activities")
                .then()
                .statusCode(200)
                .extract()
                .path("title");
        return titles.stream()
                .filter(t -> t.startsWith(M + " "))
                .map(t -> t.substring(M.length() + 1))
                .toList();
    }

    static Map<String, Object> inCity(Object... more) {
        Map<String, Object> query = new HashMap<>(Map.of("city", CITY));
        for (int i = 0; i < more.length; i += 2) {
            query.put((String) more[i], more[i + 1]);
        }
        return query;
    }

    static String near(GeoPoint p) {
        return p.latitude() + "," + p.longitude();
    }

    @Test
    void byCityExactlyInAnyCaseInStartOrder() {
        List<String> all = List.of("day before", "first day", "upper case", "last day", "day after");
        assertEquals(all, found(inCity()));
        assertEquals(all, found(Map.of("city", CITY.toLowerCase(Locale.ROOT))));
        assertEquals(all, found(Map.of("city", "  " + CITY.toUpperCase(Locale.ROOT) + " ")));
        assertEquals(List.of(), found(Map.of("city", "Searchtown")), "a part of the name is not the city");
        assertEquals(List.of(), found(Map.of("city", CITY + "x")));
    }

    @Test
    void byTheDaysTheyStartOnInChinaBothEndsIncluded() {
        String from = D.toString();
        String to = D.plusDays(2).toString();
        assertEquals(List.of("first day", "upper case", "last day"), found(inCity("from", from, "to", to)));
        assertEquals(List.of("first day", "upper case", "last day", "day after"), found(inCity("from", from)));
        assertEquals(List.of("day before", "first day", "upper case", "last day"), found(inCity("to", to)));
        assertEquals(List.of("day after"), found(inCity("from", day(3), "to", day(3))));
        assertEquals(List.of("day before"), found(inCity("to", day(-1))));
    }

    @Test
    void byCategory() {
        assertEquals(List.of("first day", "upper case", "day after"), found(inCity("category", "ELDERLY")));
        assertEquals(List.of("last day"), found(inCity("category", "ENVIRONMENT")));
        assertEquals(List.of(), found(inCity("category", "ANIMALS")));
    }

    @Test
    void byDistanceExactlyAtTheRadiusInsideAMetreBeyondOutside() {
        // alone: the first day's activity is 2,000 m from P, the last day's 2,001 m, the day after's at P
        assertEquals(List.of("first day", "day after"), found(Map.of("near", near(P), "withinKm", 2)));
        assertEquals(List.of("first day", "day after"), found(Map.of("near", near(P), "withinKm", "2.000")));
        assertEquals(
                List.of("first day", "last day", "day after"), found(Map.of("near", near(P), "withinKm", "2.001")));
        assertEquals(List.of("day after"), found(Map.of("near", near(P), "withinKm", "1.999")));
        assertEquals(List.of("first day", "last day", "day after"), found(Map.of("near", near(P))), "10 km");
        assertEquals(List.of(), found(Map.of("near", near(P.north(12_002)))), "10 km");
    }

    @Test
    void everyConditionTogether() {
        assertEquals(
                List.of("first day"),
                found(inCity("category", "ELDERLY", "from", day(0), "to", day(2), "near", near(P), "withinKm", 2)));
        assertEquals(
                List.of("first day", "day after"),
                found(inCity("category", "ELDERLY", "near", near(P), "withinKm", 2)));
    }

    @Test
    void pagedInStartOrder() {
        assertEquals(List.of("day before", "first day"), found(inCity("size", 2, "page", 0)));
        assertEquals(List.of("upper case", "last day"), found(inCity("size", 2, "page", 1)));
        assertEquals(List.of("day after"), found(inCity("size", 2, "page", 2)));
        assertEquals(List.of(), found(inCity("size", 2, "page", 3)));
    }

    @Test
    void anActivityShowsWhereItIsAndWhatFor() {
        String id = Fixtures.activity(
                ORG,
                3,
                at(D, "09:00:00"),
                Map.of("title", "Plain", "city", "Hangzhou", "latitude", 30.25, "longitude", 120.15));
        given().get("/activities/{id}", id)
                .then()
                .statusCode(200)
                .body("city", equalTo("Hangzhou"))
                .body("category", equalTo("OTHER"))
                .body("latitude", equalTo(30.25f))
                .body("longitude", equalTo(120.15f))
                .body("checkInRadiusM", equalTo(500));
        String bare = Fixtures.activity(ORG, 3, at(D, "09:00:00"), Map.of());
        given().get("/activities/{id}", bare)
                .then()
                .statusCode(200)
                .body("city", nullValue())
                .body("category", equalTo("OTHER"))
                .body("latitude", nullValue())
                .body("checkInRadiusM", nullValue());
    }

    record Bad(Map<String, Object> query, String detail) {}

    @Test
    void badSearchesAreClearProblems() {
        String point = "near: a point is latitude,longitude in degrees (30.25,120.16): not ";
        String range = "withinKm must be more than 0 and at most 2000: not ";
        for (Bad bad : List.of(
                new Bad(Map.of("near", "somewhere"), point + "somewhere"),
                new Bad(Map.of("near", "30.25"), point + "30.25"),
                new Bad(Map.of("near", "30.25,120.16,3"), point + "30.25,120.16,3"),
                new Bad(Map.of("near", "91,120"), "near: latitude must be from -90 to 90: not 91.0"),
                new Bad(Map.of("near", "-90.1,120"), "near: latitude must be from -90 to 90: not -90.1"),
                new Bad(Map.of("near", "30,180.5"), "near: longitude must be from -180 to 180: not 180.5"),
                new Bad(Map.of("near", "30,120", "withinKm", 0), range + "0"),
                new Bad(Map.of("near", "30,120", "withinKm", -1), range + "-1"),
                new Bad(Map.of("near", "30,120", "withinKm", "2000.001"), range + "2000.001"),
                new Bad(Map.of("near", "30,120", "withinKm", "1e9"), range + "1e9"),
                new Bad(
                        Map.of("near", "30,120", "withinKm", "0.0005"),
                        "withinKm is kilometres to the metre (3 decimals at most): not 0.0005"),
                new Bad(
                        Map.of("near", "30,120", "withinKm", "far"),
                        "withinKm must be a number of kilometres: not far"),
                new Bad(Map.of("withinKm", 5), "withinKm needs near=latitude,longitude"),
                new Bad(Map.of("from", "2026-13-01"), "from must be a date like 2026-10-01: not 2026-13-01"),
                new Bad(Map.of("to", "tomorrow"), "to must be a date like 2026-10-01: not tomorrow"),
                new Bad(
                        Map.of("from", day(1), "to", day(0)),
                        "from (" + day(1) + ") must not be after to (" + day(0) + ")"),
                new Bad(
                        Map.of("category", "PARTY"),
                        "category must be one of [ELDERLY, CHILDREN, ENVIRONMENT, EDUCATION, COMMUNITY, HEALTH, "
                                + "DISASTER, ANIMALS, CULTURE, OTHER]: not PARTY"),
                new Bad(Map.of("category", "elderly"), null),
                new Bad(Map.of("city", "x".repeat(101)), null))) {
            var answer = given().queryParams(bad.query())
                    .get("/activities")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400));
            if (bad.detail() != null) {
                answer.body("detail", equalTo(bad.detail()));
            }
        }
        given().queryParams(Map.of("near", "30,120", "withinKm", 2000))
                .get("/activities")
                .then()
                .statusCode(200);
    }

    @Test
    void badActivitiesAreClearProblems() {
        Fixtures.verified(ORG);
        Instant start = at(D, "09:00:00");
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("category", "PARTY"),
                Map.of("city", " "),
                Map.of("city", "x".repeat(101)),
                Map.of("latitude", 30.25),
                Map.of("longitude", 120.15),
                Map.of("latitude", 90.5, "longitude", 120.15),
                Map.of("latitude", 30.25, "longitude", -180.5),
                Map.of("checkInRadiusM", 500),
                Map.of("latitude", 30.25, "longitude", 120.15, "checkInRadiusM", 9),
                Map.of("latitude", 30.25, "longitude", 120.15, "checkInRadiusM", 10_001))) {
            Map<String, Object> body = new HashMap<>(Map.of(
                    "title",
                    "Bad",
                    "place",
                    "Nowhere",
                    "startsAt",
                    start.toString(),
                    "endsAt",
                    start.plusSeconds(3600).toString(),
                    "capacity",
                    3));
            body.putAll(bad);
            given().header("Authorization", Fixtures.charity("coordinator-" + ORG, ORG))
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/activities")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
    }
}
