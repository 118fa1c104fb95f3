package org.gongyi.reunion;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.ServiceBootContract;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
        return c.request().contentType(ContentType.JSON)
                .body(Map.of("platform", "IOS", "pushToken", "apns:" + UUID.randomUUID(), "latitude", LAT,
                        "longitude", LON))
                .post("/devices").then().statusCode(201).extract().path("id");
    }

    @Override
    protected List<Row> rows() {
        return List.of(
                Row.roles("POST", "/cases", POLICE, 201, c -> c.request().contentType(ContentType.JSON)
                        .body(Map.of("name", "Wang Fang", "age", 4, "sex", "FEMALE", "latitude", LAT, "longitude", LON,
                                "lostAt", Instant.now().minusSeconds(60).toString(), "contact", "PSB 110"))
                        .post("/cases")),
                Row.roles("GET", "/cases", POLICE, 200, c -> c.request().get("/cases")),
                Row.roles("GET", "/cases/{id}", POLICE, 200, c -> c.request().get("/cases/{id}", fixtureCase())),
                Row.roles("POST", "/cases/{id}/close", POLICE, 200, c -> c.request().contentType(ContentType.JSON)
                        .body(Map.of("closure", "FALSE_REPORT"))
                        .post("/cases/{id}/close", allowed(c, POLICE) ? newCase() : fixtureCase())),
                Row.roles("GET", "/cases/{id}/leads", POLICE, 200,
                        c -> c.request().get("/cases/{id}/leads", fixtureCase())),
                Row.open("GET", "/alerts", 200, c -> c.request().queryParam("lat", LAT).queryParam("lon", LON)
                        .get("/alerts")),
                Row.open("GET", "/alerts/{id}", 200, c -> c.request().get("/alerts/{id}", fixtureCase())),
                Row.roles("POST", "/alerts/{id}/leads", Set.of("buyer", "user"), 201, c -> c.request()
                        .contentType(ContentType.JSON).body(Map.of("text", "Saw a boy in a blue jacket"))
                        .post("/alerts/{id}/leads", fixtureCase())),
                Row.roles("POST", "/devices", APP_USERS, 201, c -> c.request().contentType(ContentType.JSON)
                        .body(Map.of("platform", "WEB", "pushToken", "web:" + UUID.randomUUID(), "latitude", LAT,
                                "longitude", LON))
                        .post("/devices")),
                Row.roles("GET", "/devices", APP_USERS, 200, c -> c.request().get("/devices")),
                Row.roles("PUT", "/devices/{id}/location", APP_USERS, 200, c -> c.request()
                        .contentType(ContentType.JSON).body(Map.of("latitude", LAT + 0.1, "longitude", LON))
                        .put("/devices/{id}/location", deviceOf(c))),
                Row.roles("DELETE", "/devices/{id}", APP_USERS, 204,
                        c -> c.request().delete("/devices/{id}", deviceOf(c))),
                Row.open("GET", "/statistics", 200, c -> c.request().get("/statistics")));
    }
}
