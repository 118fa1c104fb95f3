package org.gongyi.forest.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.gongyi.forest.Fixtures;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.OpenApiExamples;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the served document shows (issue #35, docs/openapi.md): examples of the main requests. */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "forest"))
class OpenApiDocumentTest {

    private static final String ADMIN = "Bearer " + GongyiTestInfrastructure.bearer("admin-1", "admin");
    /** The project the tree and co-planting examples name, and the plot the station example names. */
    private static final String EXAMPLE_PROJECT = "3b0f8c52-7e1a-4d9b-a6c3-5f2e9d1b7a40";

    private static final String EXAMPLE_PLOT = "0b7e4f2a-9c31-4d58-8e6a-2f1d3c5b7a90";

    /**
     * The main requests show examples, each of a body its operation accepts; the service takes them as written (those
     * naming a project or a plot, with the one made here).
     */
    @Test
    void theMainRequestsHaveExamplesTheServiceTakes() throws Exception {
        String document = OpenApiExamples.servedDocument();
        List<OpenApiExamples.Example> examples = OpenApiExamples.of(document);
        assertEquals(
                List.of(
                        "POST /co-plantings with-a-friend",
                        "POST /county-plots yanchi",
                        "POST /energy-rules published-figures",
                        "POST /energy-rules metro-doubled-from-july",
                        "POST /planting-projects alxa-saxaul",
                        "POST /planting-projects/{id}/plots plot",
                        "POST /protected-areas sanjiangyuan",
                        "POST /protected-areas/{id}/claims one-square-metre",
                        "POST /shield-items campaign-reward",
                        "PUT /species/{code} saxaul",
                        "POST /stations plot-camera",
                        "POST /stations/{id}/photos morning-photo",
                        "POST /trees plant"),
                examples.stream().map(e -> e.operation() + " " + e.name()).toList());
        assertEquals(List.of(), OpenApiExamples.violations(document));

        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "PUT /species/{code} saxaul"))
                .put("/species/{code}", "SAXAUL")
                .then()
                .statusCode(200)
                .body("energyGrams", equalTo(17_900));
        // the published figures again, in force from now: the same table as version 1
        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "POST /energy-rules published-figures"))
                .post("/energy-rules")
                .then()
                .statusCode(201)
                .body("rules.size()", equalTo(10));

        JsonPath project = given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "POST /planting-projects alxa-saxaul"))
                .post("/planting-projects")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertEquals(100_000, project.getInt("remaining"));
        assertEquals(List.of("Plot A", "Plot B"), project.getList("plots.name"));
        String projectId = project.getString("id");
        String plotId = project.getString("plots[0].id");
        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "POST /planting-projects/{id}/plots plot"))
                .post("/planting-projects/{id}/plots", projectId)
                .then()
                .statusCode(201)
                .body("name", equalTo("Plot C"));

        String planter = "planter-" + UUID.randomUUID();
        Fixtures.grant(planter, 17_900);
        given().header("Authorization", Fixtures.bearer(planter))
                .contentType("application/json")
                .body(with(OpenApiExamples.body(examples, "POST /trees plant"), EXAMPLE_PROJECT, projectId))
                .post("/trees")
                .then()
                .statusCode(201)
                .body("speciesName", equalTo("梭梭"))
                .body("energyGrams", equalTo(17_900));

        // the planter and bob are friends: bob is invited as the example says
        given().header("Authorization", Fixtures.bearer(planter))
                .put("/me/friends/{id}", "bob")
                .then()
                .statusCode(200);
        given().header("Authorization", Fixtures.bearer("bob"))
                .put("/me/friends/{id}", planter)
                .then()
                .statusCode(200);
        given().header("Authorization", Fixtures.bearer(planter))
                .contentType("application/json")
                .body(with(
                        OpenApiExamples.body(examples, "POST /co-plantings with-a-friend"), EXAMPLE_PROJECT, projectId))
                .post("/co-plantings")
                .then()
                .statusCode(201)
                .body("partnerId", equalTo("bob"))
                .body("status", equalTo("PENDING"));

        String area = given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "POST /protected-areas sanjiangyuan"))
                .post("/protected-areas")
                .then()
                .statusCode(201)
                .body("remainingM2", equalTo(10_000_000))
                .extract()
                .path("id");
        Fixtures.grant(planter, 1_000);
        given().header("Authorization", Fixtures.bearer(planter))
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "POST /protected-areas/{id}/claims one-square-metre"))
                .post("/protected-areas/{id}/claims", area)
                .then()
                .statusCode(201)
                .body("m2", equalTo(1))
                .body("energyGrams", equalTo(1_000));

        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "POST /county-plots yanchi"))
                .post("/county-plots")
                .then()
                .statusCode(201)
                .body("claimed", equalTo(false));
        String station = given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(with(OpenApiExamples.body(examples, "POST /stations plot-camera"), EXAMPLE_PLOT, plotId))
                .post("/stations")
                .then()
                .statusCode(201)
                .body("plotId", equalTo(plotId))
                .extract()
                .path("id");
        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "POST /stations/{id}/photos morning-photo"))
                .post("/stations/{id}/photos", station)
                .then()
                .statusCode(201)
                .body("takenAt", equalTo("2026-12-06T00:00:00Z"));
        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "POST /shield-items campaign-reward"))
                .post("/shield-items")
                .then()
                .statusCode(200)
                .body("itemsLeft", equalTo(2));
    }

    /** The example with the id it names replaced by one made here. */
    private static String with(String example, String exampleId, String id) {
        assertTrue(example.contains(exampleId), example);
        return example.replace(exampleId, id);
    }
}
