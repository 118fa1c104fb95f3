package org.gongyi.donation;

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

import static io.restassured.RestAssured.given;

@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "donation"))
class DonationServiceContractTest extends ServiceBootContract {

    private static String fixtureProject;
    private static final String FIXTURE_ITEM = "matrix-fixture-item";

    @Override
    protected String schema() {
        return "donation";
    }

    private static synchronized String project() {
        if (fixtureProject == null) {
            Fixtures.verifiedOrganisations(ORG);
            fixtureProject = given().header(
                            "Authorization", "Bearer " + GongyiTestInfrastructure.bearer("root", "admin"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "Matrix", "charityId", ORG, "kind", "ONGOING"))
                    .post("/projects")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            setRule(GongyiTestInfrastructure.bearer("fixture-seller", "seller"), FIXTURE_ITEM);
        }
        return fixtureProject;
    }

    private static void setRule(String token, String item) {
        given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", fixtureProject, "type", "FIXED", "fixedFen", 10))
                .put("/items/{i}/charity-rule", item)
                .then()
                .statusCode(200);
    }

    @Override
    protected List<Row> rows() {
        return List.of(
                Row.roles("POST", "/projects", Set.of("admin", "charity"), 201, c -> {
                    project();
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of("name", "By " + c.name(), "charityId", ORG, "kind", "ONGOING"))
                            .post("/projects");
                }),
                Row.open("GET", "/projects", 200, c -> c.request().get("/projects")),
                Row.open("GET", "/projects/{id}", 200, c -> c.request().get("/projects/{id}", project())),
                Row.roles(
                        "PUT",
                        "/items/{itemId}/charity-rule",
                        Set.of("seller"),
                        200,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("projectId", project(), "type", "PERCENTAGE", "percent", 0.3))
                                .put("/items/{i}/charity-rule", "matrix-item-" + c.name())),
                Row.open("GET", "/items/{itemId}/charity-rule", 200, c -> {
                    project();
                    return c.request().get("/items/{i}/charity-rule", FIXTURE_ITEM);
                }),
                Row.roles("DELETE", "/items/{itemId}/charity-rule", Set.of("seller"), 204, c -> {
                    project();
                    String item = FIXTURE_ITEM;
                    if ("seller".equals(c.role())) {
                        item = "matrix-own-" + c.name();
                        setRule(c.token(), item);
                    }
                    return c.request().delete("/items/{i}/charity-rule", item);
                }),
                Row.roles(
                        "GET",
                        "/me/donations",
                        Set.of("buyer", "user"),
                        200,
                        c -> c.request().get("/me/donations")),
                Row.roles("POST", "/projects/{id}/close", Set.of("admin", "charity"), 200, c -> {
                    project();
                    String fresh = given().header(
                                    "Authorization", "Bearer " + GongyiTestInfrastructure.bearer("root", "admin"))
                            .contentType(ContentType.JSON)
                            .body(Map.of("name", "To close", "charityId", ORG, "kind", "ONGOING"))
                            .post("/projects")
                            .then()
                            .statusCode(201)
                            .extract()
                            .path("id");
                    return c.request().post("/projects/{id}/close", fresh);
                }),
                Row.roles(
                        "GET",
                        "/me/charity-bill",
                        Set.of("buyer", "user"),
                        200,
                        c -> c.request().get("/me/charity-bill")),
                Row.roles(
                        "GET",
                        "/sellers/me/dashboard",
                        Set.of("seller"),
                        200,
                        c -> c.request().get("/sellers/me/dashboard")),
                Row.open("GET", "/totals", 200, c -> c.request().get("/totals")),
                Row.open("GET", "/totals/history", 200, c -> c.request().get("/totals/history")),
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
                Row.open("GET", "/organisations/{id}", 200, c -> {
                    project();
                    return c.request().get("/organisations/{id}", ORG);
                }),
                Row.open(
                        "GET",
                        "/projects/{id}/payouts",
                        200,
                        c -> c.request().get("/projects/{id}/payouts", project())),
                Row.roles(
                        "POST",
                        "/settlements",
                        Set.of("admin"),
                        200,
                        c -> c.request()
                                .queryParam(
                                        "periodEnd",
                                        Instant.now().minusSeconds(3600).toString())
                                .post("/settlements")));
    }
}
