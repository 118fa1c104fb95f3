package org.gongyi.reunion;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.ServiceBootContract;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reunion"))
class ReunionServiceContractTest extends ServiceBootContract {

    private static final Set<String> POLICE = Set.of("police");
    private static final Set<String> APP_USERS = Set.of("buyer", "user", "guardian");
    private static final double LAT = -40;
    private static final double LON = -100;
    private static final String OFFICER = Fixtures.police("matrix-officer", ORG);
    private static String fixtureCase;

    @Override
    protected String schema() {
        return "reunion";
    }

    private static String newCase() {
        return Fixtures.publish(OFFICER, LAT, LON, Instant.now().minusSeconds(600));
    }

    private static synchronized String fixtureCase() {
        if (fixtureCase == null) {
            fixtureCase = newCase();
        }
        return fixtureCase;
    }

    private static boolean allowed(Caller c, Set<String> roles) {
        return c.role() != null && roles.contains(c.role());
    }

    /** A device of the caller's (any id for callers who may not have one). */
    private static String deviceOf(Caller c) {
        if (!allowed(c, APP_USERS)) {
            return UUID.randomUUID().toString();
        }
        return c.request()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "platform", "IOS", "pushToken", "apns:" + UUID.randomUUID(), "latitude", LAT, "longitude", LON))
                .post("/devices")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static final Set<String> GUARDIAN = Set.of("guardian");

    /** An elder enrolled by the caller when a guardian (any id for the others). */
    private static String elderOf(Caller c) {
        if (!allowed(c, GUARDIAN)) {
            return UUID.randomUUID().toString();
        }
        return enrol(c.request());
    }

    private static String enrol(RequestSpecification as) {
        return as.contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Matrix elder",
                        "birthYear",
                        1940,
                        "locatorId",
                        Fixtures.registerLocator("loc-" + UUID.randomUUID()),
                        "activationCode",
                        Fixtures.ACTIVATION_CODE,
                        "safeZone",
                        Map.of("latitude", LAT, "longitude", LON, "radiusMetres", 500)))
                .post("/elders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** An elder a fixture guardian invited the caller to guard, when a guardian (any id for the others). */
    private static String invitedTo(Caller c) {
        if (!allowed(c, GUARDIAN)) {
            return UUID.randomUUID().toString();
        }
        String guardian = "Bearer " + GongyiTestInfrastructure.bearer("matrix-fixture-guardian", "guardian");
        String elder = enrol(given().header("Authorization", guardian));
        given().header("Authorization", guardian)
                .contentType(ContentType.JSON)
                .body(Map.of("guardianId", c.subject()))
                .post("/elders/{id}/guardians", elder)
                .then()
                .statusCode(202);
        return elder;
    }

    /** An escalation of a fixture guardian's elder to the matrix agency. */
    private static String escalation() {
        String guardian = "Bearer " + GongyiTestInfrastructure.bearer("matrix-fixture-guardian", "guardian");
        return escalation(() -> given().header("Authorization", guardian));
    }

    /** An escalation the caller made when a guardian; one to the caller's agency otherwise. */
    private static String escalationFor(Caller c) {
        return allowed(c, GUARDIAN) ? escalation(c::request) : escalation();
    }

    private static String escalation(Supplier<RequestSpecification> guardian) {
        String elder = enrol(guardian.get());
        return guardian.get()
                .contentType(ContentType.JSON)
                .body(Map.of("agencyId", ORG))
                .post("/elders/{id}/escalations", elder)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A lead a fixture user sent on the fixture case. */
    private static String lead() {
        return given().header(
                        "Authorization",
                        "Bearer " + GongyiTestInfrastructure.bearer("matrix-lead-" + UUID.randomUUID(), "user"))
                .contentType(ContentType.JSON)
                .body(Map.of("text", "Saw him at the station"))
                .post("/alerts/{id}/leads", fixtureCase())
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static final Set<String> FAMILY = Set.of("buyer", "user", "guardian");

    /** A family's report of a missing child to the matrix agency, by the caller when one of a family, else a fixture's. */
    private static String childReportFor(Caller c) {
        return allowed(c, FAMILY) ? childReport(c::request) : childReport();
    }

    private static String childReport() {
        String family =
                "Bearer " + GongyiTestInfrastructure.bearer("matrix-fixture-parent-" + UUID.randomUUID(), "user");
        return childReport(() -> given().header("Authorization", family));
    }

    private static String childReport(Supplier<RequestSpecification> family) {
        return family.get()
                .contentType(ContentType.JSON)
                .body(childReportBody())
                .post("/child-reports")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static Map<String, Object> childReportBody() {
        return Map.of(
                "agencyId",
                ORG,
                "name",
                "Matrix child",
                "age",
                7,
                "sex",
                "MALE",
                "latitude",
                LAT,
                "longitude",
                LON,
                "lostAt",
                Instant.now().minusSeconds(600).toString(),
                "reporterContact",
                "139 0000 0000");
    }

    private static String dnaPoint() {
        return given().header("Authorization", "Bearer " + GongyiTestInfrastructure.bearer("matrix-admin", "admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Matrix point", "address", "2 Road", "latitude", LAT, "longitude", LON))
                .post("/dna-points")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Override
    protected List<Row> rows() {
        return List.of(
                Row.roles(
                        "POST",
                        "/cases",
                        POLICE,
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of(
                                        "name",
                                        "Wang Fang",
                                        "age",
                                        4,
                                        "sex",
                                        "FEMALE",
                                        "latitude",
                                        LAT,
                                        "longitude",
                                        LON,
                                        "lostAt",
                                        Instant.now().minusSeconds(60).toString(),
                                        "contact",
                                        "PSB 110"))
                                .post("/cases")),
                Row.roles("GET", "/cases", POLICE, 200, c -> c.request().get("/cases")),
                Row.roles("GET", "/cases/{id}", POLICE, 200, c -> c.request().get("/cases/{id}", fixtureCase())),
                Row.roles(
                        "POST",
                        "/cases/{id}/close",
                        POLICE,
                        200,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("closure", "FALSE_REPORT"))
                                .post("/cases/{id}/close", allowed(c, POLICE) ? newCase() : fixtureCase())),
                Row.roles(
                        "GET",
                        "/cases/{id}/leads",
                        POLICE,
                        200,
                        c -> c.request().get("/cases/{id}/leads", fixtureCase())),
                Row.roles(
                        "GET",
                        "/cases/{id}/leads/{leadId}",
                        POLICE,
                        200,
                        c -> c.request().get("/cases/{id}/leads/{leadId}", fixtureCase(), lead())),
                Row.roles(
                        "PUT",
                        "/cases/{id}/leads/{leadId}/handling",
                        POLICE,
                        200,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("outcome", "FOLLOWED_UP", "note", "Called the witness"))
                                .put("/cases/{id}/leads/{leadId}/handling", fixtureCase(), lead())),
                Row.roles(
                        "POST",
                        "/child-reports",
                        FAMILY,
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(childReportBody())
                                .post("/child-reports")),
                Row.roles("GET", "/child-reports", POLICE, 200, c -> c.request().get("/child-reports")),
                Row.roles(
                        "GET",
                        "/child-reports/mine",
                        FAMILY,
                        200,
                        c -> c.request().get("/child-reports/mine")),
                Row.roles(
                        "GET",
                        "/child-reports/{id}",
                        Set.of("police", "buyer", "user", "guardian"),
                        200,
                        c -> c.request().get("/child-reports/{id}", childReportFor(c))),
                Row.roles(
                        "POST",
                        "/child-reports/{id}/case",
                        POLICE,
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("contact", "PSB 110"))
                                .post(
                                        "/child-reports/{id}/case",
                                        allowed(c, POLICE)
                                                ? childReport()
                                                : UUID.randomUUID().toString())),
                Row.roles(
                        "POST",
                        "/child-reports/{id}/decline",
                        POLICE,
                        200,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("reason", "The child is home"))
                                .post(
                                        "/child-reports/{id}/decline",
                                        allowed(c, POLICE)
                                                ? childReport()
                                                : UUID.randomUUID().toString())),
                Row.open(
                        "GET",
                        "/alerts",
                        200,
                        c -> c.request()
                                .queryParam("lat", LAT)
                                .queryParam("lon", LON)
                                .get("/alerts")),
                Row.open("GET", "/alerts/{id}", 200, c -> c.request().get("/alerts/{id}", fixtureCase())),
                Row.roles(
                        "POST",
                        "/alerts/{id}/leads",
                        Set.of("buyer", "user"),
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("text", "Saw a boy in a blue jacket"))
                                .post("/alerts/{id}/leads", fixtureCase())),
                Row.roles(
                        "POST",
                        "/devices",
                        APP_USERS,
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of(
                                        "platform",
                                        "WEB",
                                        "pushToken",
                                        "web:" + UUID.randomUUID(),
                                        "latitude",
                                        LAT,
                                        "longitude",
                                        LON))
                                .post("/devices")),
                Row.roles("GET", "/devices", APP_USERS, 200, c -> c.request().get("/devices")),
                Row.roles(
                        "GET", "/devices/{id}", APP_USERS, 200, c -> c.request().get("/devices/{id}", deviceOf(c))),
                Row.roles(
                        "PUT",
                        "/devices/{id}/location",
                        APP_USERS,
                        200,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("latitude", LAT + 0.1, "longitude", LON))
                                .put("/devices/{id}/location", deviceOf(c))),
                Row.roles(
                        "DELETE",
                        "/devices/{id}",
                        APP_USERS,
                        204,
                        c -> c.request().delete("/devices/{id}", deviceOf(c))),
                Row.roles("POST", "/devices/claims", APP_USERS, 200, c -> {
                    String token = "fcm:" + UUID.randomUUID();
                    String code = "000000";
                    if (allowed(c, APP_USERS)) {
                        String device = given().header(
                                        "Authorization",
                                        "Bearer " + GongyiTestInfrastructure.bearer("matrix-phone-owner", "user"))
                                .contentType(ContentType.JSON)
                                .body(Map.of("platform", "IOS", "pushToken", token, "latitude", LAT, "longitude", LON))
                                .post("/devices")
                                .then()
                                .statusCode(201)
                                .extract()
                                .path("id");
                        c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("platform", "IOS", "pushToken", token, "latitude", LAT, "longitude", LON))
                                .post("/devices")
                                .then()
                                .statusCode(202);
                        code = Fixtures.pushedCode(device);
                    }
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of("pushToken", token, "code", code))
                            .post("/devices/claims");
                }),
                Row.open("GET", "/statistics", 200, c -> c.request().get("/statistics")),
                Row.open("GET", "/statistics/history", 200, c -> c.request().get("/statistics/history")),
                Row.roles(
                        "PUT",
                        "/locators/{locatorId}",
                        Set.of("admin"),
                        204,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("activationCode", "matrix-code-1"))
                                .put("/locators/{id}", "loc-" + UUID.randomUUID())),
                Row.roles(
                        "POST",
                        "/elders",
                        GUARDIAN,
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of(
                                        "name",
                                        "E",
                                        "birthYear",
                                        1950,
                                        "locatorId",
                                        Fixtures.registerLocator("loc-" + UUID.randomUUID()),
                                        "activationCode",
                                        Fixtures.ACTIVATION_CODE,
                                        "safeZone",
                                        Map.of("latitude", LAT, "longitude", LON, "radiusMetres", 300)))
                                .post("/elders")),
                Row.roles(
                        "DELETE",
                        "/elders/{id}",
                        GUARDIAN,
                        204,
                        c -> c.request().delete("/elders/{id}", elderOf(c))),
                Row.roles(
                        "GET",
                        "/elders/invitations",
                        GUARDIAN,
                        200,
                        c -> c.request().get("/elders/invitations")),
                Row.roles(
                        "PUT",
                        "/elders/{id}/guardians/me",
                        GUARDIAN,
                        200,
                        c -> c.request().put("/elders/{id}/guardians/me", invitedTo(c))),
                Row.roles(
                        "DELETE",
                        "/elders/{id}/guardians/{guardianId}",
                        GUARDIAN,
                        204,
                        c -> c.request().delete("/elders/{id}/guardians/me", invitedTo(c))),
                Row.roles("GET", "/elders", GUARDIAN, 200, c -> c.request().get("/elders")),
                Row.roles("GET", "/elders/{id}", GUARDIAN, 200, c -> c.request().get("/elders/{id}", elderOf(c))),
                Row.roles(
                        "PUT",
                        "/elders/{id}/safe-zone",
                        GUARDIAN,
                        200,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("latitude", LAT, "longitude", LON, "radiusMetres", 800))
                                .put("/elders/{id}/safe-zone", elderOf(c))),
                Row.roles(
                        "POST",
                        "/elders/{id}/guardians",
                        GUARDIAN,
                        202,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("guardianId", "matrix-co-guardian"))
                                .post("/elders/{id}/guardians", elderOf(c))),
                Row.roles(
                        "GET",
                        "/elders/{id}/positions",
                        GUARDIAN,
                        200,
                        c -> c.request().get("/elders/{id}/positions", elderOf(c))),
                Row.roles(
                        "GET",
                        "/elders/{id}/alerts",
                        GUARDIAN,
                        200,
                        c -> c.request().get("/elders/{id}/alerts", elderOf(c))),
                Row.roles(
                        "POST",
                        "/elders/{id}/escalations",
                        GUARDIAN,
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("agencyId", ORG))
                                .post("/elders/{id}/escalations", elderOf(c))),
                Row.roles("GET", "/escalations", POLICE, 200, c -> c.request().get("/escalations")),
                Row.roles(
                        "GET",
                        "/escalations/{id}",
                        Set.of("police", "guardian"),
                        200,
                        c -> c.request().get("/escalations/{id}", escalationFor(c))),
                Row.roles(
                        "POST",
                        "/escalations/{id}/case",
                        POLICE,
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("sex", "MALE", "contact", "PSB 110"))
                                .post(
                                        "/escalations/{id}/case",
                                        allowed(c, POLICE)
                                                ? escalation()
                                                : UUID.randomUUID().toString())),
                Row.roles(
                        "POST",
                        "/dna-points",
                        Set.of("admin"),
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of(
                                        "name", "Matrix point", "address", "1 Road", "latitude", LAT, "longitude", LON))
                                .post("/dna-points")),
                Row.open(
                        "GET",
                        "/dna-points",
                        200,
                        c -> c.request()
                                .queryParam("lat", LAT)
                                .queryParam("lon", LON)
                                .get("/dna-points")),
                Row.open("GET", "/dna-points/{id}", 200, c -> c.request().get("/dna-points/{id}", dnaPoint())));
    }
}
