package org.gongyi.volunteer;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.ServiceBootContract;
import org.gongyi.infra.test.ServiceDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;

@QuarkusTest
@WithTestResource(
        value = GongyiTestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "volunteer"))
class VolunteerServiceContractTest extends ServiceBootContract {

    private static final Set<String> ORGANISERS = Set.of("charity", "admin");
    private static final Set<String> VOLUNTEERS = Set.of("buyer", "user");
    private static String fixture;

    @Override
    protected String schema() {
        return "volunteer";
    }

    /** An activity whose check-in is open now (and sign-ups for 25 minutes): the rows check volunteers in. */
    private static String newActivity() {
        return Fixtures.activityCheckingInNow(ORG, 100_000);
    }

    private static synchronized String activity() {
        if (fixture == null) {
            fixture = newActivity();
        }
        return fixture;
    }

    private static boolean allowed(Caller c, Set<String> roles) {
        return c.role() != null && roles.contains(c.role());
    }

    /** A volunteer with a confirmed place at the fixture activity, checked in and out as far as asked. */
    private static String volunteer(boolean checkIn, boolean checkOut) {
        String v = "matrix-volunteer-" + UUID.randomUUID();
        given().header("Authorization", Fixtures.user(v))
                .post("/activities/{id}/sign-ups", activity())
                .then()
                .statusCode(201);
        if (checkIn) {
            given().header("Authorization", Fixtures.ADMIN)
                    .post("/activities/{id}/attendance/{u}/check-in", activity(), v)
                    .then()
                    .statusCode(200);
        }
        if (checkOut) {
            given().header("Authorization", Fixtures.ADMIN)
                    .post("/activities/{id}/attendance/{u}/check-out", activity(), v)
                    .then()
                    .statusCode(200);
        }
        return v;
    }

    private static String fixtureCampaign;

    private static Map<String, Object> campaign(String name) {
        LocalDateTime start = LocalDateTime.now(ChinaTime.ZONE).plusDays(1);
        return Map.of(
                "name",
                name,
                "start",
                start.toString(),
                "end",
                start.plusDays(7).toString(),
                "actions",
                List.of("DONATION", "SIGN_UP"),
                "goal",
                1000);
    }

    private static synchronized String campaign() {
        if (fixtureCampaign == null) {
            fixtureCampaign = given().header(
                            "Authorization", "Bearer " + GongyiTestInfrastructure.bearer("root", "admin"))
                    .contentType(ContentType.JSON)
                    .body(campaign("Matrix week"))
                    .post("/campaigns")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
        }
        return fixtureCampaign;
    }

    @Override
    protected List<Row> rows() {
        return List.of(
                Row.roles(
                        "PUT",
                        "/organisations/{id}",
                        Set.of("admin"),
                        200,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("name", "Matrix org", "verified", true))
                                .put("/organisations/{id}", ORG)),
                Row.open("GET", "/organisations", 200, c -> c.request().get("/organisations")),
                Row.roles(
                        "POST",
                        "/campaigns",
                        Set.of("admin"),
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(campaign("By " + c.name()))
                                .post("/campaigns")),
                Row.open("GET", "/campaigns", 200, c -> c.request().get("/campaigns")),
                Row.open("GET", "/campaigns/{id}", 200, c -> c.request().get("/campaigns/{id}", campaign())),
                Row.roles("POST", "/activities", ORGANISERS, 201, c -> {
                    Fixtures.verified(ORG);
                    Instant start = Instant.now().plus(Duration.ofDays(2));
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of(
                                    "organisationId",
                                    ORG,
                                    "title",
                                    "T",
                                    "place",
                                    "P",
                                    "startsAt",
                                    start.toString(),
                                    "endsAt",
                                    start.plus(Duration.ofHours(2)).toString(),
                                    "capacity",
                                    5,
                                    "city",
                                    "Hangzhou",
                                    "category",
                                    "COMMUNITY"))
                            .post("/activities");
                }),
                Row.open(
                        "GET",
                        "/activities",
                        200,
                        c -> c.request()
                                .queryParam("city", "Hangzhou")
                                .queryParam("category", "COMMUNITY")
                                .queryParam("near", "30.25,120.16")
                                .queryParam("withinKm", 5)
                                .get("/activities")),
                Row.open("GET", "/activities/{id}", 200, c -> c.request().get("/activities/{id}", activity())),
                Row.roles(
                        "POST",
                        "/activities/{id}/cancel",
                        ORGANISERS,
                        200,
                        c -> c.request()
                                .post("/activities/{id}/cancel", allowed(c, ORGANISERS) ? newActivity() : activity())),
                Row.roles(
                        "POST",
                        "/activities/{id}/sign-ups",
                        VOLUNTEERS,
                        201,
                        c -> c.request().post("/activities/{id}/sign-ups", activity())),
                Row.roles("DELETE", "/activities/{id}/sign-ups/me", VOLUNTEERS, 204, c -> {
                    if (allowed(c, VOLUNTEERS)) {
                        c.request().post("/activities/{id}/sign-ups", activity());
                    }
                    return c.request().delete("/activities/{id}/sign-ups/me", activity());
                }),
                Row.roles(
                        "GET", "/me/sign-ups", VOLUNTEERS, 200, c -> c.request().get("/me/sign-ups")),
                Row.roles("GET", "/activities/{id}/sign-ups/me", VOLUNTEERS, 200, c -> {
                    if (allowed(c, VOLUNTEERS)) {
                        c.request().post("/activities/{id}/sign-ups", activity());
                    }
                    return c.request().get("/activities/{id}/sign-ups/me", activity());
                }),
                Row.roles(
                        "GET",
                        "/activities/{id}/sign-ups",
                        ORGANISERS,
                        200,
                        c -> c.request().get("/activities/{id}/sign-ups", activity())),
                Row.roles(
                        "POST",
                        "/activities/{id}/attendance/{userId}/check-in",
                        ORGANISERS,
                        200,
                        c -> c.request()
                                .queryParam("at", "24.44,118.09")
                                .post("/activities/{id}/attendance/{u}/check-in", activity(), volunteer(false, false))),
                Row.roles(
                        "POST",
                        "/activities/{id}/attendance/{userId}/check-out",
                        ORGANISERS,
                        200,
                        c -> c.request()
                                .post("/activities/{id}/attendance/{u}/check-out", activity(), volunteer(true, false))),
                Row.roles("POST", "/service-records/{id}/verify", ORGANISERS, 200, c -> {
                    String id;
                    try {
                        id = ServiceDb.strings(
                                        "select cast(id as text) from service_record " + "where user_id = ?",
                                        volunteer(true, true))
                                .get(0);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    return c.request().post("/service-records/{id}/verify", id);
                }),
                Row.roles(
                        "GET",
                        "/me/welfare-time",
                        VOLUNTEERS,
                        200,
                        c -> c.request().get("/me/welfare-time")),
                Row.roles("PUT", "/me/pledge", VOLUNTEERS, 200, c -> c.request().put("/me/pledge")),
                Row.roles("GET", "/me/certificates/{year}", VOLUNTEERS, 200, c -> {
                    if (allowed(c, VOLUNTEERS)) {
                        certified(c.subject());
                    }
                    return c.request().get("/me/certificates/{y}", 2026);
                }),
                Row.open(
                        "GET",
                        "/certificates/three-hours/{certificateNo}",
                        200,
                        c -> c.request().get("/certificates/three-hours/{n}", certified("contract-certified"))),
                Row.open(
                        "GET",
                        "/certificates/three-hours/{certificateNo}/pdf",
                        200,
                        c -> c.request().get("/certificates/three-hours/{n}/pdf", certified("contract-certified"))),
                Row.open("GET", "/rankings/organisations", 200, c -> c.request().get("/rankings/organisations")),
                Row.open("GET", "/totals", 200, c -> c.request().get("/totals")),
                Row.roles("POST", "/me/blood-donations", VOLUNTEERS, 201, c -> {
                    Fixtures.verified(ORG);
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of("organisationId", ORG, "donatedAt", "2026-06-01T00:00:00Z", "volumeMl", 200))
                            .post("/me/blood-donations");
                }),
                Row.roles("GET", "/me/blood-donations/{id}", VOLUNTEERS, 200, c -> {
                    String id = UUID.randomUUID().toString();
                    if (allowed(c, VOLUNTEERS)) {
                        Fixtures.verified(ORG);
                        id = c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of(
                                        "organisationId", ORG, "donatedAt", "2026-07-01T00:00:00Z", "volumeMl", 200))
                                .post("/me/blood-donations")
                                .then()
                                .statusCode(201)
                                .extract()
                                .path("id");
                    }
                    return c.request().get("/me/blood-donations/{id}", id);
                }),
                Row.roles(
                        "GET",
                        "/blood-donations",
                        ORGANISERS,
                        200,
                        c -> c.request().get("/blood-donations")),
                Row.roles(
                        "POST",
                        "/blood-donations/{id}/verify",
                        ORGANISERS,
                        200,
                        c -> c.request().post("/blood-donations/{id}/verify", declaration())),
                Row.roles(
                        "POST",
                        "/blood-donations/{id}/reject",
                        ORGANISERS,
                        200,
                        c -> c.request().post("/blood-donations/{id}/reject", declaration())),
                Row.roles(
                        "GET",
                        "/activities/{id}/check-in-code",
                        ORGANISERS,
                        200,
                        c -> c.request().get("/activities/{id}/check-in-code", activity())),
                Row.roles("POST", "/activities/{id}/self-check-in", VOLUNTEERS, 200, c -> {
                    if (allowed(c, VOLUNTEERS)) {
                        c.request().post("/activities/{id}/sign-ups", activity());
                    }
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of("code", code()))
                            .post("/activities/{id}/self-check-in", activity());
                }),
                Row.roles("POST", "/activities/{id}/self-check-out", VOLUNTEERS, 200, c -> {
                    String a = newActivity();
                    String code = given().header("Authorization", Fixtures.ADMIN)
                            .get("/activities/{id}/check-in-code", a)
                            .then()
                            .extract()
                            .path("code");
                    if (allowed(c, VOLUNTEERS)) {
                        c.request().post("/activities/{id}/sign-ups", a);
                        c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("code", code))
                                .post("/activities/{id}/self-check-in", a)
                                .then()
                                .statusCode(200);
                    }
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of("code", code))
                            .post("/activities/{id}/self-check-out", a);
                }),
                Row.roles("POST", "/service-records/{id}/dispute", VOLUNTEERS, 200, c -> {
                    String id = UUID.randomUUID().toString();
                    if (allowed(c, VOLUNTEERS)) {
                        c.request().post("/activities/{id}/sign-ups", activity());
                        given().header("Authorization", Fixtures.ADMIN)
                                .post("/activities/{id}/attendance/{u}/check-in", activity(), c.subject());
                        id = given().header("Authorization", Fixtures.ADMIN)
                                .post("/activities/{id}/attendance/{u}/check-out", activity(), c.subject())
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("id");
                    }
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of("reason", "too short"))
                            .post("/service-records/{id}/dispute", id);
                }));
    }

    private static String code() {
        return given().header("Authorization", Fixtures.ADMIN)
                .get("/activities/{id}/check-in-code", activity())
                .then()
                .statusCode(200)
                .extract()
                .path("code");
    }

    /** A pending blood donation declared to the matrix organisation by a new donor. */
    private static String declaration() {
        Fixtures.verified(ORG);
        return given().header("Authorization", Fixtures.user("matrix-donor-" + UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body(Map.of("organisationId", ORG, "donatedAt", "2026-06-01T00:00:00Z", "volumeMl", 200))
                .post("/me/blood-donations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A 2026 certificate for the person, written directly (set-up only; the flow test earns one). */
    /** The user's certificate of 2026 (made once), its number. */
    private static String certified(String user) {
        try (Connection c = GongyiTestInfrastructure.serviceConnection();
                PreparedStatement ps = c.prepareStatement("insert into pledge_certificate (user_id, year, "
                        + "certificate_no, issued_at) values (?, 2026, ?, now()) on conflict (user_id, year) do "
                        + "update set user_id = excluded.user_id returning certificate_no")) {
            ps.setString(1, user);
            ps.setString(2, "GY-3H-2026-M" + UUID.randomUUID().toString().substring(0, 7));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
