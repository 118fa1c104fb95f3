package org.gongyi.donation.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.gongyi.donation.Fixtures;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A generated client sends {@code null} for every optional field its caller did not set (issue #35): each is taken as
 * not given, as the document says ({@code nullable}), and the contract check holds each request to the document.
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "donation"))
class NotGivenAsNullTest {

    private static final String ORG = "null-sending-charity";

    private static RequestSpecification as(String subject, String role, Map<String, String> claims) {
        String token = GongyiTestInfrastructure.tokens().token(subject, List.of(role), Duration.ofHours(1), claims);
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private static RequestSpecification charity() {
        return as("staff-of-" + ORG, "charity", Map.of("org", ORG));
    }

    @Test
    void optionalFieldsSentAsNullAreNotGiven() {
        Fixtures.verifiedOrganisations(ORG);
        // a charity's project: its own organisation, category OTHER, no target, dates or regions
        String project = charity()
                .body("""
                        {"name": "Null Books", "description": null, "charityId": null, "kind": "ONGOING",
                         "category": null, "targetFen": null, "startsAt": null, "endsAt": null, "regions": null}""")
                .post("/projects")
                .then()
                .statusCode(201)
                .body("charityId", equalTo(ORG))
                .body("description", nullValue())
                .body("category", equalTo("OTHER"))
                .body("targetFen", nullValue())
                .body("startsAt", nullValue())
                .body("endsAt", nullValue())
                .body("progressPercent", nullValue())
                .body("regions", empty())
                .body("open", equalTo(true))
                .extract()
                .path("id");

        // the preset rule: neither percent nor fixedFen
        String item = "item-" + UUID.randomUUID();
        as("seller-null", "seller", Map.of())
                .body("{\"projectId\": \"" + project
                        + "\", \"type\": \"PRESET\", \"percent\": null, \"fixedFen\": null}")
                .put("/items/{item}/charity-rule", item)
                .then()
                .statusCode(200)
                .body("type", equalTo("PERCENTAGE"))
                .body("percent", equalTo(0.3f))
                .body("fixedFen", nullValue())
                .body("programme", nullValue());

        // a mothers' business programme (no poor counties) and a mother without a shop, a household or an age
        String programme = charity()
                .body("{\"projectId\": \"" + project + "\", \"name\": \"Null mothers\", \"kind\": \"MOTHERS_BUSINESS\","
                        + " \"unitFen\": 500000, \"poorCounties\": null}")
                .post("/programmes")
                .then()
                .statusCode(201)
                .body("kind", equalTo("MOTHERS_BUSINESS"))
                .body("poorCounties", empty())
                .extract()
                .path("id");
        charity()
                .body("""
                        {"reference": "null-mother-1", "county": "Hangzhou", "age": null, "householdId": null,
                         "sellerId": null}""")
                .post("/programmes/{id}/beneficiaries", programme)
                .then()
                .statusCode(201)
                .body("programmeId", equalTo(programme))
                .body("county", equalTo("Hangzhou"))
                .body("ageBand", nullValue())
                .body("householdId", nullValue())
                .body("sellerId", nullValue())
                .body("firstBenefitAt", nullValue());
    }
}
