package org.gongyi.donation.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.gongyi.donation.Fixtures;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.ServiceDb;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hostile and careless input: every rejected request is a 4xx problem+json that leaves the database as it was;
 * odd but valid text is stored verbatim.
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "donation"))
class BadInputTest {

    private static final String ADMIN = "Bearer " + GongyiTestInfrastructure.bearer("admin-1", "admin");
    private static final String[] TABLES = {"charity_project", "charity_rule", "donation", ServiceDb.OUTGOING_EVENTS};
    private static final String SELLER = "Bearer " + GongyiTestInfrastructure.bearer("seller-bad", "seller");

    @BeforeEach
    void organisation() {
        Fixtures.verifiedOrganisations("c");
    }

    private static ValidatableResponse postProject(String body) {
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/projects")
                .then();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{", // malformed
                "not json at all",
                "[]", // wrong shape
                "{\"name\":123,\"charityId\":\"c\",\"kind\":\"ONGOING\"}", // a number for text
                "{\"name\":\"x\",\"charityId\":\"c\",\"kind\":\"SOMETIMES\"}", // unknown enum
                "{\"name\":\"x\",\"charityId\":\"c\",\"kind\":\"TIME_LIMITED\",\"targetFen\":-1,\"endsAt\":\"2030-01-01T00:00:00Z\"}",
                "{\"name\":\"x\",\"charityId\":\"c\",\"kind\":\"TIME_LIMITED\",\"targetFen\":1e30,\"endsAt\":\"2030-01-01T00:00:00Z\"}",
                "{\"name\":\"x\",\"charityId\":\"c\",\"kind\":\"TIME_LIMITED\",\"targetFen\":99999999999999999999999,\"endsAt\":\"2030-01-01T00:00:00Z\"}",
                "{\"name\":\"x\",\"charityId\":\"c\",\"kind\":\"TIME_LIMITED\",\"targetFen\":\"lots\",\"endsAt\":\"2030-01-01T00:00:00Z\"}",
                "{\"name\":\"x\",\"charityId\":\"c\",\"kind\":\"TIME_LIMITED\",\"targetFen\":100,\"endsAt\":\"soon\"}",
                "{\"name\":\"\",\"charityId\":\"c\",\"kind\":\"ONGOING\"}", // blank
                "{\"charityId\":\"c\",\"kind\":\"ONGOING\"}", // missing
                "null"
            })
    void badProjectBodiesAreRejectedAndChangeNothing(String body) throws Exception {
        String before = ServiceDb.snapshot(TABLES);
        ServiceDb.rejected(postProject(body));
        assertEquals(before, ServiceDb.snapshot(TABLES));
    }

    @Test
    void oversizedStringsAndPayloadsAreRejected() throws Exception {
        String before = ServiceDb.snapshot(TABLES);
        ServiceDb.rejected(
                        postProject("{\"name\":\"" + "n".repeat(201) + "\",\"charityId\":\"c\",\"kind\":\"ONGOING\"}"))
                .body("errors[0].field", equalTo("name"));
        ServiceDb.rejected(given().header("Authorization", ADMIN)
                        .contentType(ContentType.JSON)
                        .body("{\"name\":\"" + "x".repeat(200_000) + "\",\"charityId\":\"c\",\"kind\":\"ONGOING\"}")
                        .post("/projects")
                        .then())
                .statusCode(413);
        assertEquals(before, ServiceDb.snapshot(TABLES));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "' OR 1=1 --",
                "<script>alert('x')</script>",
                "希望小学 🌱 免费午餐",
                "Robert'); DROP TABLE donation;--",
                "\\u0000-less but \"quoted\" \\\\ text"
            })
    void oddTextIsStoredVerbatim(String name) {
        String id = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "charityId", "c", "kind", "ONGOING"))
                .post("/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().get("/projects/{id}", id).then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void badRulesAreRejectedAndChangeNothing() throws Exception {
        String project = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "p", "charityId", "c", "kind", "ONGOING"))
                .post("/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String before = ServiceDb.snapshot(TABLES);
        for (String body : new String[] {
            "{\"projectId\":\"" + project + "\",\"type\":\"PERCENTAGE\",\"percent\":\"lots\"}",
            "{\"projectId\":\"" + project + "\",\"type\":\"PERCENTAGE\",\"percent\":1e400}",
            "{\"projectId\":\"" + project + "\",\"type\":\"PERCENTAGE\",\"percent\":-0.3}",
            "{\"projectId\":\"" + project + "\",\"type\":\"PERCENTAGE\",\"percent\":0.3,\"fixedFen\":2}",
            "{\"projectId\":\"" + project + "\",\"type\":\"FIXED\",\"fixedFen\":-100}",
            "{\"projectId\":\"" + project + "\",\"type\":\"FIXED\",\"fixedFen\":9223372036854775808}",
            "{\"projectId\":\"not-a-uuid\",\"type\":\"FIXED\",\"fixedFen\":10}",
            "{\"projectId\":\"" + project + "\",\"type\":\"fixed\",\"fixedFen\":10}",
            "{\"projectId\":\"" + project + "\"}",
            "{}"
        }) {
            ServiceDb.rejected(given().header("Authorization", SELLER)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .put("/items/bad-item/charity-rule")
                    .then());
        }
        ServiceDb.rejected(given().header("Authorization", SELLER)
                .contentType(ContentType.JSON)
                .body("{\"projectId\":\"" + project + "\",\"type\":\"FIXED\",\"fixedFen\":10}")
                .put("/items/{i}/charity-rule", "i".repeat(300))
                .then());
        ServiceDb.rejected(given().header("Authorization", SELLER)
                .contentType(ContentType.TEXT)
                .body("fixed please")
                .put("/items/bad-item/charity-rule")
                .then());
        assertEquals(before, ServiceDb.snapshot(TABLES));
    }

    @Test
    void badQueryParametersAreRejected() {
        ServiceDb.rejected(given().queryParam("size", 100000).get("/projects").then());
        ServiceDb.rejected(given().queryParam("page", -1).get("/projects").then());
        ServiceDb.rejected(given().queryParam("size", "ten").get("/projects").then());
        // a query parameter that does not convert is a bad request, not an unknown path
        given().queryParam("size", "ten")
                .get("/projects")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", Matchers.equalTo("size must be a whole number"));
        given().queryParam("campaign", "not-a-uuid")
                .get("/lucky-bag-pools")
                .then()
                .statusCode(400)
                .body("detail", Matchers.equalTo("campaign must be a UUID"));
        // a page far beyond any list would overflow the offset: a 400 that says so
        given().queryParam("page", Integer.MAX_VALUE)
                .get("/projects")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("page", 100_000)
                .get("/projects")
                .then()
                .statusCode(200)
                .body("", Matchers.empty());
    }
}
