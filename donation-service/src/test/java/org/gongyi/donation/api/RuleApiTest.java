package org.gongyi.donation.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.gongyi.donation.Fixtures;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "donation"))
class RuleApiTest {

    private static String bearer(String subject, String role) {
        return "Bearer " + GongyiTestInfrastructure.bearer(subject, role);
    }

    private String project() {
        Fixtures.verifiedOrganisations("charity-1");
        return given().header("Authorization", bearer("admin-1", "admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Books", "charityId", "charity-1", "kind", "ONGOING"))
                .post("/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private ValidatableResponse put(String seller, String item, Map<String, Object> body) {
        return given().header("Authorization", bearer(seller, "seller"))
                .contentType(ContentType.JSON)
                .body(body)
                .put("/items/{i}/charity-rule", item)
                .then();
    }

    @Test
    void validRulesAreStoredAndReadBack() {
        String p = project();
        put("s1", "item-a", Map.of("projectId", p, "type", "PERCENTAGE", "percent", new BigDecimal("0.3")))
                .statusCode(200)
                .body("percent", equalTo(0.3f))
                .body("type", equalTo("PERCENTAGE"));
        given().get("/items/item-a/charity-rule").then().statusCode(200).body("projectId", equalTo(p));
    }

    @Test
    void aSellerPicksThePresetWithoutAPercent() {
        String p = project();
        put("s1", "item-p", Map.of("projectId", p, "type", "PRESET"))
                .statusCode(200)
                .body("type", equalTo("PERCENTAGE"))
                .body("percent", equalTo(0.3f));
        put("s1", "item-p", Map.of("projectId", p, "type", "PRESET", "percent", 1))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("neither percent nor fixedFen"));
        given().get("/items/item-p/charity-rule").then().statusCode(200).body("percent", equalTo(0.3f));
    }

    @Test
    void invalidRulesGetAProblemNamingTheFix() {
        String p = project();
        put("s1", "item-b", Map.of("projectId", p, "type", "PERCENTAGE", "percent", 0.05))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("between 0.1 and 100"));
        put("s1", "item-b", Map.of("projectId", p, "type", "FIXED", "fixedFen", 50))
                .statusCode(400)
                .body("detail", containsString("2, 10 or 100"));
        put("s1", "item-b", Map.of("projectId", p, "type", "DONATE_ALL"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("PERCENTAGE, FIXED"));
        put("s1", "item-b", Map.of("type", "FIXED", "fixedFen", 10))
                .statusCode(400)
                .body("errors.field", hasItem(containsString("projectId")));
        put("s1", "item-b", Map.of("projectId", UUID.randomUUID().toString(), "type", "FIXED", "fixedFen", 10))
                .statusCode(400)
                .body("detail", containsString("No project"));
        given().header("Authorization", bearer("s1", "seller"))
                .contentType(ContentType.JSON)
                .body("{\"projectId\": ")
                .put("/items/item-b/charity-rule")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", not(containsString("Exception")));
        given().get("/items/item-b/charity-rule").then().statusCode(404);
    }

    @Test
    void anUnverifiedOrganisationsProjectTakesNoRules() {
        given().header("Authorization", bearer("admin-1", "admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "New NGO", "verified", false))
                .put("/organisations/new-ngo")
                .then()
                .statusCode(200)
                .body("verified", equalTo(false));
        String p = given().header("Authorization", bearer("admin-1", "admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Draft", "charityId", "new-ngo", "kind", "ONGOING"))
                .post("/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        put("s1", "item-u", Map.of("projectId", p, "type", "FIXED", "fixedFen", 10))
                .statusCode(409)
                .body("detail", containsString("not verified"));
        given().header("Authorization", bearer("admin-1", "admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "New NGO", "verified", true))
                .put("/organisations/new-ngo")
                .then()
                .statusCode(200)
                .body("verified", equalTo(true));
        put("s1", "item-u", Map.of("projectId", p, "type", "FIXED", "fixedFen", 10))
                .statusCode(200);
        given().header("Authorization", bearer("admin-1", "admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Ghost", "charityId", "no-such-org", "kind", "ONGOING"))
                .post("/projects")
                .then()
                .statusCode(400)
                .body("detail", containsString("No organisation"));
    }

    @Test
    void aSellerNamingAnotherSellersItemChangesNothingOfTheirs() {
        String p = project();
        put("s1", "item-c", Map.of("projectId", p, "type", "FIXED", "fixedFen", 10))
                .statusCode(200);
        put("s2", "item-c", Map.of("projectId", p, "type", "FIXED", "fixedFen", 100))
                .statusCode(200)
                .body("sellerId", equalTo("s2"));
        given().queryParam("sellerId", "s1")
                .get("/items/item-c/charity-rule")
                .then()
                .statusCode(200)
                .body("fixedFen", equalTo(10))
                .body("sellerId", equalTo("s1"));
        given().header("Authorization", bearer("s2", "seller"))
                .delete("/items/item-c/charity-rule")
                .then()
                .statusCode(204);
        given().header("Authorization", bearer("s2", "seller"))
                .delete("/items/item-c/charity-rule")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/items/item-c/charity-rule").then().statusCode(200).body("fixedFen", equalTo(10));
    }

    @Test
    void aCharityCreatesProjectsOfItsOwnOrganisationOnly() {
        Fixtures.verifiedOrganisations("charity-42", "charity-7");
        String token = "Bearer "
                + GongyiTestInfrastructure.tokens()
                        .token("ngo-staff", List.of("charity"), Duration.ofMinutes(5), Map.of("org", "charity-42"));
        given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Ours", "kind", "ONGOING"))
                .post("/projects")
                .then()
                .statusCode(201)
                .body("charityId", equalTo("charity-42"));
        given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Theirs", "charityId", "charity-7", "kind", "ONGOING"))
                .post("/projects")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void timeLimitedProjectNeedsTargetAndEnd() {
        Fixtures.verifiedOrganisations("c");
        given().header("Authorization", bearer("admin-1", "admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Winter coats", "charityId", "c", "kind", "TIME_LIMITED"))
                .post("/projects")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", bearer("admin-1", "admin"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Winter coats",
                        "charityId",
                        "c",
                        "kind",
                        "TIME_LIMITED",
                        "targetFen",
                        1000000,
                        "endsAt",
                        "2030-01-01T00:00:00Z"))
                .post("/projects")
                .then()
                .statusCode(201)
                .body("progressPercent", equalTo(0.0f));
        given().get("/projects/{id}", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/projects/not-a-uuid").then().statusCode(404);
    }
}
