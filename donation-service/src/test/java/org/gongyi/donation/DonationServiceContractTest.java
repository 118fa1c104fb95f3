package org.gongyi.donation;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.events.Topic;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.ServiceBootContract;
import org.gongyi.infra.test.ServiceDb;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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

    private static String fixtureProgramme;
    private static String fixtureBeneficiary;
    private static String fixtureCover;
    private static String fixtureClaim;
    private static String fixtureMothers;
    private static final String LUCKY_CAMPAIGN = UUID.randomUUID().toString();
    private static String fixturePool;

    private static String admin() {
        return "Bearer " + GongyiTestInfrastructure.bearer("root", "admin");
    }

    /** A pool of the matrix's campaign: every chance opens one of its 100 bags. */
    private static synchronized String luckyPool() {
        if (fixturePool == null) {
            project();
            LocalDateTime now = LocalDateTime.now(ChinaTime.ZONE).withNano(0);
            fixturePool = given().header("Authorization", admin())
                    .contentType(ContentType.JSON)
                    .body(luckyPoolBody(now))
                    .post("/lucky-bag-pools")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
        }
        return fixturePool;
    }

    private static Map<String, Object> luckyPoolBody(LocalDateTime now) {
        return Map.ofEntries(
                Map.entry("campaignId", LUCKY_CAMPAIGN),
                Map.entry("sponsorId", "matrix-sponsor"),
                Map.entry("name", "Matrix bags"),
                Map.entry("totalFen", 10_000),
                Map.entry("bags", 100),
                Map.entry("minFen", 50),
                Map.entry("maxFen", 200),
                Map.entry("chancePpm", 1_000_000),
                Map.entry("perPersonDaily", 100),
                Map.entry("opens", now.minusMinutes(1).toString()),
                Map.entry("closes", now.plusHours(1).toString()));
    }

    /** volunteer-service counted a participation of the caller in the matrix's campaign: a chance. */
    private static void chanceFor(String person) {
        String id = UUID.randomUUID().toString();
        KafkaTestClient.sendEvents(
                Topic.VOLUNTEER_PARTICIPATIONS.topicName(),
                List.of(new KafkaTestClient.Event(person, "volunteer.participation-counted", id, """
                        {"participationId":"%s","campaignId":"%s","personId":"%s","occurredAt":"%s"}""".formatted(
                                UUID.randomUUID(), LUCKY_CAMPAIGN, person, Instant.now()))));
        ServiceDb.awaitProcessed(List.of(id));
    }

    private static String fixtureCharity() {
        return "Bearer "
                + GongyiTestInfrastructure.tokens()
                        .token("fixture-charity", List.of("charity"), Duration.ofHours(1), Map.of("org", ORG));
    }

    private static String newProject(String name) {
        return given().header("Authorization", admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "charityId", ORG, "kind", "ONGOING"))
                .post("/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** An insurance programme of the matrix's organisation with one household, covered by a payout, and a claim. */
    private static synchronized String programme() {
        if (fixtureProgramme == null) {
            project();
            String p = newProject("Matrix cover");
            fixtureProgramme = given().header("Authorization", admin())
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "projectId",
                            p,
                            "name",
                            "Matrix cover",
                            "kind",
                            "HEALTH_INSURANCE",
                            "unitFen",
                            100,
                            "poorCounties",
                            List.of("Matrix County")))
                    .post("/programmes")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            fixtureBeneficiary = given().header("Authorization", fixtureCharity())
                    .contentType(ContentType.JSON)
                    .body(Map.of("reference", "matrix-h", "county", "Matrix County", "age", 30, "householdId", "M-1"))
                    .post("/programmes/{id}/beneficiaries", fixtureProgramme)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            String item = "matrix-cover-item";
            given().header("Authorization", "Bearer " + GongyiTestInfrastructure.bearer("fixture-seller", "seller"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("projectId", p, "type", "PERCENTAGE", "percent", 100))
                    .put("/items/{i}/charity-rule", item)
                    .then()
                    .statusCode(200);
            String order = "matrix-order-" + UUID.randomUUID();
            ServiceDb.awaitProcessed(List.of(KafkaTestClient.sendEvent(
                    Topic.COMMERCE_ORDERS.topicName(), order, "commerce.purchase-completed", """
                    {"orderId":"%s","buyerId":"matrix-buyer","sellerId":"fixture-seller","province":"Gansu",
                     "completedAt":"%s","lines":[{"itemId":"%s","quantity":1,"paidFen":100}]}""".formatted(
                                    order, Instant.now(), item))));
            given().header("Authorization", admin())
                    .queryParam("periodEnd", Instant.now().toString())
                    .post("/settlements")
                    .then()
                    .statusCode(200);
            fixtureCover = given().header("Authorization", fixtureCharity())
                    .get("/programmes/{id}/beneficiaries/{b}", fixtureProgramme, fixtureBeneficiary)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("benefits[0].id");
            fixtureMothers = given().header("Authorization", admin())
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "projectId",
                            newProject("Matrix grants"),
                            "name",
                            "Matrix grants",
                            "kind",
                            "MOTHERS_BUSINESS",
                            "unitFen",
                            100))
                    .post("/programmes")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            fixtureClaim = claim(fixtureCharity(), "matrix-claim")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
        }
        return fixtureProgramme;
    }

    private static Response claim(String bearer, String reference) {
        return given().header("Authorization", bearer)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "reference",
                        reference,
                        "amountFen",
                        50,
                        "paidOn",
                        LocalDate.now(ChinaTime.ZONE).toString()))
                .post("/programmes/{id}/benefits/{b}/claims", fixtureProgramme, fixtureCover);
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
                Row.roles("POST", "/programmes", Set.of("admin", "charity"), 201, c -> {
                    project();
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of(
                                    "projectId",
                                    newProject("Programme by " + c.name()),
                                    "name",
                                    "Grants by " + c.name(),
                                    "kind",
                                    "MOTHERS_BUSINESS",
                                    "unitFen",
                                    500_000))
                            .post("/programmes");
                }),
                Row.open("GET", "/programmes", 200, c -> c.request().get("/programmes")),
                Row.open("GET", "/programmes/{id}", 200, c -> c.request().get("/programmes/{id}", programme())),
                Row.roles(
                        "PUT",
                        "/programmes/{id}/poor-counties",
                        Set.of("charity"),
                        200,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("counties", List.of("Matrix County")))
                                .put("/programmes/{id}/poor-counties", programme())),
                Row.roles(
                        "POST",
                        "/programmes/{id}/beneficiaries",
                        Set.of("charity"),
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of(
                                        "reference",
                                        "matrix-" + c.name(),
                                        "county",
                                        "Matrix County",
                                        "age",
                                        40,
                                        "householdId",
                                        "M-" + c.name()))
                                .post("/programmes/{id}/beneficiaries", programme())),
                Row.roles(
                        "GET",
                        "/programmes/{id}/beneficiaries",
                        Set.of("charity", "auditor"),
                        200,
                        c -> c.request().get("/programmes/{id}/beneficiaries", programme())),
                Row.roles(
                        "GET",
                        "/programmes/{id}/beneficiaries/{beneficiary}",
                        Set.of("charity", "auditor"),
                        200,
                        c -> c.request().get("/programmes/{id}/beneficiaries/{b}", programme(), fixtureBeneficiary)),
                Row.roles("POST", "/programmes/{id}/benefits/{benefit}/claims", Set.of("charity"), 201, c -> {
                    programme();
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of(
                                    "reference",
                                    "matrix-claim-" + c.name(),
                                    "amountFen",
                                    50,
                                    "paidOn",
                                    LocalDate.now(ChinaTime.ZONE).toString()))
                            .post("/programmes/{id}/benefits/{b}/claims", fixtureProgramme, fixtureCover);
                }),
                Row.roles("PUT", "/programmes/{id}/jobs/{month}", Set.of("charity"), 200, c -> {
                    programme();
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of("jobs", 2))
                            .put("/programmes/{id}/jobs/{month}", fixtureMothers, "2018-05");
                }),
                Row.open("GET", "/programmes/{id}/jobs", 200, c -> {
                    programme();
                    return c.request().get("/programmes/{id}/jobs", fixtureMothers);
                }),
                Row.roles(
                        "GET",
                        "/programmes/{id}/claims/{claim}",
                        Set.of("charity", "auditor"),
                        200,
                        c -> c.request().get("/programmes/{id}/claims/{c}", programme(), fixtureClaim)),
                Row.roles(
                        "POST",
                        "/lucky-bag-pools",
                        Set.of("admin"),
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(luckyPoolBody(
                                        LocalDateTime.now(ChinaTime.ZONE).withNano(0)))
                                .post("/lucky-bag-pools")),
                Row.open("GET", "/lucky-bag-pools", 200, c -> {
                    luckyPool();
                    return c.request().queryParam("campaign", LUCKY_CAMPAIGN).get("/lucky-bag-pools");
                }),
                Row.open(
                        "GET",
                        "/lucky-bag-pools/{id}",
                        200,
                        c -> c.request().get("/lucky-bag-pools/{id}", luckyPool())),
                Row.roles(
                        "GET",
                        "/lucky-bag-pools/{id}/draws",
                        Set.of("auditor", "admin"),
                        200,
                        c -> c.request().get("/lucky-bag-pools/{id}/draws", luckyPool())),
                Row.roles("POST", "/campaigns/{campaignId}/lucky-bags", Set.of("buyer", "user"), 200, c -> {
                    luckyPool();
                    if (c.role() != null) {
                        chanceFor(c.subject());
                    }
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of("projectId", project()))
                            .post("/campaigns/{c}/lucky-bags", LUCKY_CAMPAIGN);
                }),
                Row.roles(
                        "GET",
                        "/campaigns/{campaignId}/lucky-bags/mine",
                        Set.of("buyer", "user"),
                        200,
                        c -> c.request().get("/campaigns/{c}/lucky-bags/mine", LUCKY_CAMPAIGN)),
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
