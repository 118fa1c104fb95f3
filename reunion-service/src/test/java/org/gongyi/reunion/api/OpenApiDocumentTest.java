package org.gongyi.reunion.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.OpenApiExamples;
import org.gongyi.reunion.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the served document shows (issue #35, docs/openapi.md): examples of the main requests. */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reunion"))
class OpenApiDocumentTest {

    private static final String POLICE = Fixtures.police("officer-7", "zhengzhou-psb");

    /**
     * The main requests show examples, each of a body its operation accepts; the service takes them as written, on
     * what is made here before them (a device, a case and its lead, a family's report, a locator, an elder).
     */
    @Test
    void theMainRequestsHaveExamplesTheServiceTakes() {
        String document = OpenApiExamples.servedDocument();
        List<OpenApiExamples.Example> examples = OpenApiExamples.of(document);
        assertEquals(
                List.of(
                        "POST /alerts/{id}/leads seen-nearby",
                        "POST /alerts/{id}/leads with-a-photo",
                        "POST /cases child",
                        "POST /cases without-photo",
                        "POST /cases/{id}/close found",
                        "POST /cases/{id}/close false-report",
                        "PUT /cases/{id}/leads/{leadId}/handling followed-up",
                        "PUT /cases/{id}/leads/{leadId}/handling duplicate",
                        "POST /child-reports family-report",
                        "POST /child-reports/{id}/case publish",
                        "POST /child-reports/{id}/decline decline",
                        "POST /devices android",
                        "POST /devices iphone",
                        "POST /devices/claims code",
                        "PUT /devices/{id}/location moved",
                        "POST /dna-points police-lab",
                        "POST /elders with-safe-zone",
                        "POST /elders/{id}/escalations missing",
                        "POST /elders/{id}/guardians son",
                        "PUT /elders/{id}/safe-zone wider",
                        "POST /escalations/{id}/case elder-case",
                        "PUT /locators/{locatorId} activation-code"),
                examples.stream().map(e -> e.operation() + " " + e.name()).toList());
        assertEquals(List.of(), OpenApiExamples.violations(document));

        // two phones opted in, one moved
        String phone = Fixtures.user("alice-" + UUID.randomUUID());
        String device = post(phone, OpenApiExamples.body(examples, "POST /devices android"), "/devices", 201)
                .extract()
                .path("id");
        post(
                Fixtures.user("li-" + UUID.randomUUID()),
                OpenApiExamples.body(examples, "POST /devices iphone"),
                "/devices",
                201);
        given().header("Authorization", phone)
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "PUT /devices/{id}/location moved"))
                .put("/devices/{id}/location", device)
                .then()
                .statusCode(200)
                .body("latitude", equalTo(34.77f));

        // a case, a lead on its alert, the lead handled, the case closed; the other case a false report
        String child = post(POLICE, OpenApiExamples.body(examples, "POST /cases child"), "/cases", 201)
                .body("status", equalTo("PUBLISHED"))
                .extract()
                .path("id");
        String other = post(POLICE, OpenApiExamples.body(examples, "POST /cases without-photo"), "/cases", 201)
                .extract()
                .path("id");
        String lead = post(
                        Fixtures.user("reader-" + UUID.randomUUID()),
                        OpenApiExamples.body(examples, "POST /alerts/{id}/leads seen-nearby"),
                        "/alerts/" + child + "/leads",
                        201)
                .body("caseId", equalTo(child))
                .extract()
                .path("id");
        given().header("Authorization", POLICE)
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "PUT /cases/{id}/leads/{leadId}/handling followed-up"))
                .put("/cases/{id}/leads/{leadId}/handling", child, lead)
                .then()
                .statusCode(200)
                .body("handling.outcome", equalTo("FOLLOWED_UP"));
        post(POLICE, OpenApiExamples.body(examples, "POST /cases/{id}/close found"), "/cases/" + child + "/close", 200)
                .body("outcome", equalTo("RESCUED"));
        post(
                        POLICE,
                        OpenApiExamples.body(examples, "POST /cases/{id}/close false-report"),
                        "/cases/" + other + "/close",
                        200)
                .body("closure", equalTo("FALSE_REPORT"));

        // a family's report published as a case; another declined
        String family = Fixtures.user("family-" + UUID.randomUUID());
        String report = post(
                        family,
                        OpenApiExamples.body(examples, "POST /child-reports family-report"),
                        "/child-reports",
                        201)
                .body("status", equalTo("PENDING"))
                .extract()
                .path("id");
        post(
                        POLICE,
                        OpenApiExamples.body(examples, "POST /child-reports/{id}/case publish"),
                        "/child-reports/" + report + "/case",
                        201)
                .body("name", equalTo("Wang Fang"))
                .body("photoUrl", equalTo("https://img.example.org/reports/wang-fang.jpg"));
        String declined = post(
                        family,
                        OpenApiExamples.body(examples, "POST /child-reports family-report"),
                        "/child-reports",
                        201)
                .extract()
                .path("id");
        post(
                        POLICE,
                        OpenApiExamples.body(examples, "POST /child-reports/{id}/decline decline"),
                        "/child-reports/" + declined + "/decline",
                        200)
                .body("status", equalTo("DECLINED"));

        // the locator registered, Zhang Lan enrolled with it, her zone widened, a guardian invited, an escalation
        // published as a case
        given().header("Authorization", Fixtures.admin())
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "PUT /locators/{locatorId} activation-code"))
                .put("/locators/{id}", "loc-123")
                .then()
                .statusCode(204);
        String guardian = Fixtures.guardian("daughter-" + UUID.randomUUID());
        String elder = post(guardian, OpenApiExamples.body(examples, "POST /elders with-safe-zone"), "/elders", 201)
                .body("safeZone.radiusMetres", equalTo(800))
                .extract()
                .path("id");
        given().header("Authorization", guardian)
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "PUT /elders/{id}/safe-zone wider"))
                .put("/elders/{id}/safe-zone", elder)
                .then()
                .statusCode(200)
                .body("safeZone.radiusMetres", equalTo(1200));
        post(
                        guardian,
                        OpenApiExamples.body(examples, "POST /elders/{id}/guardians son"),
                        "/elders/" + elder + "/guardians",
                        202)
                .body("invited", contains("son-1"));
        String escalation = post(
                        guardian,
                        OpenApiExamples.body(examples, "POST /elders/{id}/escalations missing"),
                        "/elders/" + elder + "/escalations",
                        201)
                .extract()
                .path("id");
        post(
                        POLICE,
                        OpenApiExamples.body(examples, "POST /escalations/{id}/case elder-case"),
                        "/escalations/" + escalation + "/case",
                        201)
                .body("name", equalTo("Zhang Lan"))
                .body("sex", equalTo("FEMALE"));

        post(Fixtures.admin(), OpenApiExamples.body(examples, "POST /dna-points police-lab"), "/dna-points", 201)
                .body("name", equalTo("Zhengzhou PSB DNA lab"));
    }

    private static ValidatableResponse post(String authorization, String body, String path, int status) {
        return given().header("Authorization", authorization)
                .contentType("application/json")
                .body(body)
                .post(path)
                .then()
                .statusCode(status);
    }
}
