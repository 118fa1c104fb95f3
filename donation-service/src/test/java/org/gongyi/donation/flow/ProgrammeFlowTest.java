package org.gongyi.donation.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.donation.Fixtures;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventType;
import org.gongyi.events.Topic;
import org.gongyi.events.contract.BenefitBought;
import org.gongyi.events.contract.ClaimPaid;
import org.gongyi.events.contract.JobsReported;
import org.gongyi.infra.test.AuditReplays;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.Redelivery;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.gongyi.donation.flow.LedgerScenariosTest.awaitProcessed;
import static org.gongyi.donation.flow.LedgerScenariosTest.send;
import static org.gongyi.donation.flow.LedgerScenariosTest.sendBy;
import static org.gongyi.donation.flow.LedgerScenariosTest.settle;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Beneficiary programmes end to end against the real broker and database (issue #31): donations → a payout → benefits
 * bought in enrolment order (the rest carried) → events; claims against covers; the buyers' bills trace what their
 * projects' payouts became; enrolment's bad input; the audit replay checks the figures against the published events.
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "donation"))
class ProgrammeFlowTest {

    static final String PILLAR = "pillar-charity";
    static final String MAGIC_BEAN = "magic-bean-charity";

    static String charity(String org) {
        return "Bearer "
                + GongyiTestInfrastructure.tokens()
                        .token("staff-of-" + org, List.of("charity"), Duration.ofHours(1), Map.of("org", org));
    }

    static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    static String project(String org, String name) {
        Fixtures.verifiedOrganisations(org);
        return as(charity(org))
                .body(Map.of("name", name, "kind", "ONGOING"))
                .post("/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static JsonPath programme(String org, String project, String kind, long unitFen, List<String> counties) {
        Map<String, Object> body = new HashMap<>(
                Map.of("projectId", project, "name", "Programme of " + project, "kind", kind, "unitFen", unitFen));
        if (counties != null) {
            body.put("poorCounties", counties);
        }
        String location = as(charity(org))
                .body(body)
                .post("/programmes")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        return given().get(location).then().statusCode(200).extract().jsonPath();
    }

    static String enrol(String org, String programme, Map<String, Object> applicant) {
        String location = as(charity(org))
                .body(applicant)
                .post("/programmes/{id}/beneficiaries", programme)
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        return as(charity(org)).get(location).then().statusCode(200).extract().path("beneficiary.id");
    }

    /** An insurance programme of PILLAR enrols a household. */
    static String household(String programme, String reference, String county, int age, String householdId) {
        return enrol(
                PILLAR,
                programme,
                Map.of("reference", reference, "county", county, "age", age, "householdId", householdId));
    }

    static void refused(int status, String detail, String org, String programme, Map<String, Object> applicant) {
        as(charity(org))
                .body(applicant)
                .post("/programmes/{id}/beneficiaries", programme)
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("detail", containsString(detail));
    }

    static String donationItem(String project) {
        String item = LedgerScenariosTest.item();
        DonationFlowTest.setRule(item, project, Map.of("type", "PERCENTAGE", "percent", 100));
        return item;
    }

    static JsonPath page(String programme) {
        return given().get("/programmes/{id}", programme)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The programme's events of a type, once at least {@code atLeast} were published. */
    static <T> List<T> events(String programme, EventType type, Class<T> data, int atLeast) {
        List<ConsumerRecord<String, String>> read = KafkaTestClient.readUntil(
                Topic.DONATION_PROGRAMMES.topicName(),
                Duration.ofSeconds(20),
                rs -> rs.stream().filter(r -> ours(r, programme, type)).count() >= atLeast);
        return read.stream()
                .filter(r -> ours(r, programme, type))
                .map(r -> data.cast(EventCodec.get().decode(type, r.value())))
                .toList();
    }

    private static boolean ours(ConsumerRecord<String, String> r, String programme, EventType type) {
        return programme.equals(r.key()) && type.ceType().equals(KafkaTestClient.header(r, "ce_type"));
    }

    @Test
    void payoutsBuyCoversInEnrolmentOrderClaimsAreRecordedAndBillsTraceThem() throws Exception {
        String project = project(PILLAR, "顶梁柱健康扶贫公益保险");
        String programme = programme(PILLAR, project, "HEALTH_INSURANCE", 6_400, List.of("Tianzhu", "Dongxiang"))
                .getString("id");
        String first = household(programme, "h-001", "Tianzhu", 60, "TZ-0001");
        String second = household(programme, "h-002", "Dongxiang", 18, "DX-0002");
        String third = household(programme, "h-003", "Tianzhu", 35, "TZ-0003");
        JsonPath one = as(charity(PILLAR))
                .get("/programmes/{id}/beneficiaries/{b}", programme, third)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("30-39", one.getString("beneficiary.ageBand"));
        assertEquals(List.of(), one.getList("benefits"));

        // a payout of 2.5 premiums buys two covers, for the first two enrolled, and carries the rest
        String item = donationItem(project);
        awaitProcessed(send(
                "order-" + UUID.randomUUID(),
                "buyer-pillar-a",
                "Gansu",
                Instant.now(),
                new LedgerScenariosTest.Line(item, 16_000)));
        Instant firstEnd = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Map<String, Object>> payouts = settle(firstEnd, project);
        assertEquals(16_000, ((Number) payouts.get(0).get("netFen")).longValue());
        String payout = (String) payouts.get(0).get("id");
        JsonPath figures = page(programme);
        assertEquals(2, figures.getLong("benefitCount"));
        assertEquals(12_800, figures.getLong("spentFen"));
        assertEquals(2, figures.getLong("helpedCount"));
        assertEquals(3_200, figures.getLong("carriedFen"));

        LocalDate startsOn = LocalDate.ofInstant(firstEnd, ChinaTime.ZONE);
        List<BenefitBought> bought = events(programme, EventType.BENEFIT_BOUGHT, BenefitBought.class, 2);
        assertEquals(
                List.of(first, second),
                bought.stream().map(BenefitBought::beneficiaryId).toList());
        BenefitBought cover = bought.get(0);
        assertEquals(
                new BenefitBought(
                        programme,
                        project,
                        "HEALTH_INSURANCE",
                        cover.benefitId(),
                        first,
                        payout,
                        "Tianzhu",
                        6_400,
                        startsOn,
                        startsOn.plusYears(1).minusDays(1),
                        cover.boughtAt()),
                cover);
        assertEquals("Dongxiang", bought.get(1).county());

        // two more households; the next payout and what was carried make four premiums, but three wait (the first two
        // are covered still): three covers (bought two at a time in the tests), one premium carried
        String fourth = household(programme, "h-004", "Dongxiang", 50, "DX-0004");
        String fifth = household(programme, "h-005", "Tianzhu", 29, "TZ-0005");
        awaitProcessed(send(
                "order-" + UUID.randomUUID(),
                "buyer-pillar-b",
                "Gansu",
                Instant.now(),
                new LedgerScenariosTest.Line(item, 22_400)));
        settle(Instant.now(), project);
        figures = page(programme);
        assertEquals(5, figures.getLong("benefitCount"));
        assertEquals(32_000, figures.getLong("spentFen"));
        assertEquals(5, figures.getLong("helpedCount"));
        assertEquals(6_400, figures.getLong("carriedFen"));
        bought = events(programme, EventType.BENEFIT_BOUGHT, BenefitBought.class, 5);
        assertEquals(
                List.of(first, second, third, fourth, fifth),
                bought.stream().map(BenefitBought::beneficiaryId).toList());

        // the insurer paid a claim against the first cover
        String claimed = as(charity(PILLAR))
                .body(Map.of("reference", "PICC-2018-001", "amountFen", 1_500_000, "paidOn", startsOn.toString()))
                .post("/programmes/{id}/benefits/{b}/claims", programme, cover.benefitId())
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        as(charity(PILLAR)).get(claimed).then().statusCode(200).body("amountFen", equalTo(1_500_000));
        as(charity(PILLAR))
                .body(Map.of("reference", "PICC-2018-001", "amountFen", 1_500_000, "paidOn", startsOn.toString()))
                .post("/programmes/{id}/benefits/{b}/claims", programme, cover.benefitId())
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        as(charity(PILLAR))
                .body(Map.of(
                        "reference",
                        "PICC-2018-002",
                        "amountFen",
                        100,
                        "paidOn",
                        startsOn.minusDays(1).toString()))
                .post("/programmes/{id}/benefits/{b}/claims", programme, cover.benefitId())
                .then()
                .statusCode(400)
                .body("detail", containsString("the cover began on " + startsOn));
        as(charity(PILLAR))
                .body(Map.of(
                        "reference",
                        "PICC-2018-003",
                        "amountFen",
                        100,
                        "paidOn",
                        startsOn.plusDays(2).toString()))
                .post("/programmes/{id}/benefits/{b}/claims", programme, cover.benefitId())
                .then()
                .statusCode(400)
                .body("detail", containsString("future"));
        as(charity(PILLAR))
                .body(Map.of("reference", "PICC-2018-004", "amountFen", 100, "paidOn", startsOn.toString()))
                .post("/programmes/{id}/benefits/{b}/claims", programme, UUID.randomUUID())
                .then()
                .statusCode(404);
        figures = page(programme);
        assertEquals(1, figures.getLong("claimCount"));
        assertEquals(1_500_000, figures.getLong("claimsPaidFen"));
        ClaimPaid paid =
                events(programme, EventType.CLAIM_PAID, ClaimPaid.class, 1).get(0);
        assertEquals(
                new ClaimPaid(
                        programme,
                        project,
                        paid.claimId(),
                        cover.benefitId(),
                        first,
                        1_500_000,
                        startsOn,
                        paid.recordedAt()),
                paid);
        JsonPath covered = as(charity(PILLAR))
                .get("/programmes/{id}/beneficiaries/{b}", programme, first)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(cover.benefitId()), covered.getList("benefits.id"));
        assertEquals(List.of("PICC-2018-001"), covered.getList("claims.reference"));

        // each buyer's bill: five covers bought, the buyer's share in proportion (16,000 and 22,400 of 38,400: 2.083…
        // and 2.916…), rounded down
        assertEquals("2.08", share("buyer-pillar-a", project));
        assertEquals("2.91", share("buyer-pillar-b", project));

        // the auditor's replay: the programme's figures are what its published events add up to
        JsonPath report = AuditReplays.replay("{}");
        Map<String, Object> checked =
                report.getMap("projections.find { it.name == 'programme figures from published events' }");
        assertEquals(0L, ((Number) checked.get("different")).longValue(), report.prettify());
        assertEquals(0L, ((Number) checked.get("onlyInLive")).longValue(), report.prettify());
        assertEquals(0L, ((Number) checked.get("onlyInReplay")).longValue(), report.prettify());
        assertEquals(true, ((Number) checked.get("equal")).longValue() >= 1, report.prettify());
    }

    @Test
    void enrolmentKeepsToTheProgrammesRuleAndItsCharity() {
        String project = project(PILLAR, "Cover for Linxia households");
        String programme = programme(PILLAR, project, "HEALTH_INSURANCE", 6_400, List.of("Linxia"))
                .getString("id");
        enrol(PILLAR, programme, Map.of("reference", "lx-1", "county", "Linxia", "age", 40, "householdId", "LX-1"));

        refused(
                400,
                "must be 18 to 60, not 17",
                PILLAR,
                programme,
                Map.of("reference", "lx-2", "county", "Linxia", "age", 17, "householdId", "LX-2"));
        refused(
                400,
                "must be 18 to 60, not 61",
                PILLAR,
                programme,
                Map.of("reference", "lx-2", "county", "Linxia", "age", 61, "householdId", "LX-2"));
        refused(
                400,
                "Hangzhou is not on the programme's list",
                PILLAR,
                programme,
                Map.of("reference", "lx-2", "county", "Hangzhou", "age", 30, "householdId", "LX-2"));
        refused(
                400,
                "householdId is required",
                PILLAR,
                programme,
                Map.of("reference", "lx-2", "county", "Linxia", "age", 30));
        // a name where the opaque reference goes is refused, and not echoed back
        as(charity(PILLAR))
                .body(Map.of("reference", "Wang Fang", "county", "Linxia", "age", 30, "householdId", "LX-2"))
                .post("/programmes/{id}/beneficiaries", programme)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString("an opaque id"))
                .body(not(containsString("Wang Fang")));
        refused(
                409,
                "Reference lx-1 is enrolled",
                PILLAR,
                programme,
                Map.of("reference", "lx-1", "county", "Linxia", "age", 30, "householdId", "LX-2"));
        refused(
                409,
                "household is enrolled",
                PILLAR,
                programme,
                Map.of("reference", "lx-2", "county", "Linxia", "age", 30, "householdId", "LX-1"));
        Fixtures.verifiedOrganisations("other-charity");
        refused(
                403,
                "belongs to another organisation",
                "other-charity",
                programme,
                Map.of("reference", "lx-3", "county", "Linxia", "age", 30, "householdId", "LX-3"));

        // beneficiaries are read by their charity and auditors only; the page is public and names none
        as(charity(PILLAR))
                .get("/programmes/{id}/beneficiaries", programme)
                .then()
                .statusCode(200)
                .body("reference", equalTo(List.of("lx-1")))
                .body("ageBand", equalTo(List.of("40-49")));
        given().header("Authorization", AuditReplays.AUDITOR)
                .get("/programmes/{id}/beneficiaries", programme)
                .then()
                .statusCode(200)
                .body("householdId", equalTo(List.of("LX-1")));
        as(charity("other-charity"))
                .get("/programmes/{id}/beneficiaries", programme)
                .then()
                .statusCode(403);
        given().get("/programmes/{id}", programme)
                .then()
                .statusCode(200)
                .body("poorCounties", equalTo(List.of("Linxia")))
                .body(not(containsString("LX-1")));

        // the county list is the charity's to keep: a county added takes enrolments from then on
        as(charity(PILLAR))
                .body(Map.of("counties", List.of("Linxia", "Hezheng")))
                .put("/programmes/{id}/poor-counties", programme)
                .then()
                .statusCode(200)
                .body("poorCounties", equalTo(List.of("Hezheng", "Linxia")));
        enrol(PILLAR, programme, Map.of("reference", "hz-1", "county", "Hezheng", "age", 30, "householdId", "HZ-1"));

        as(charity(PILLAR))
                .body(Map.of("jobs", 3))
                .put("/programmes/{id}/jobs/{month}", programme, "2018-05")
                .then()
                .statusCode(409)
                .body("detail", containsString("mothers' business"));

        // one programme per project, on the charity's own verified organisation's projects
        as(charity(PILLAR))
                .body(Map.of("projectId", project, "name", "Again", "kind", "HEALTH_INSURANCE", "unitFen", 6_400))
                .post("/programmes")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        as(charity("other-charity"))
                .body(Map.of("projectId", project, "name", "Not mine", "kind", "MOTHERS_BUSINESS", "unitFen", 1))
                .post("/programmes")
                .then()
                .statusCode(403);
        as(charity(PILLAR))
                .body(Map.of("projectId", UUID.randomUUID(), "name", "None", "kind", "MOTHERS_BUSINESS", "unitFen", 1))
                .post("/programmes")
                .then()
                .statusCode(404);
        as(charity(PILLAR))
                .body(Map.of("projectId", project, "name", "Free", "kind", "MOTHERS_BUSINESS", "unitFen", 0))
                .post("/programmes")
                .then()
                .statusCode(400);
    }

    @Test
    void aMothersBusinessProgrammeGrantsEachMotherOnceAndPaysNoClaims() throws Exception {
        String project = project(MAGIC_BEAN, "魔豆妈妈");
        String programme = programme(MAGIC_BEAN, project, "MOTHERS_BUSINESS", 500_000, null)
                .getString("id");
        String shop = "seller-mother-" + UUID.randomUUID();
        String mother =
                enrol(MAGIC_BEAN, programme, Map.of("reference", "m-1", "county", "Hangzhou", "sellerId", shop));
        refused(
                400,
                "keeps no household id or age",
                MAGIC_BEAN,
                programme,
                Map.of("reference", "m-2", "county", "Hangzhou", "householdId", "H-1"));
        refused(
                409,
                "shop is enrolled",
                MAGIC_BEAN,
                programme,
                Map.of("reference", "m-2", "county", "Hangzhou", "sellerId", shop));
        String second = enrol(MAGIC_BEAN, programme, Map.of("reference", "m-2", "county", "Ningbo"));

        String item = donationItem(project);
        awaitProcessed(send(
                "order-" + UUID.randomUUID(),
                "buyer-bean",
                "Zhejiang",
                Instant.now(),
                new LedgerScenariosTest.Line(item, 600_000)));
        settle(Instant.now().truncatedTo(ChronoUnit.MICROS), project);
        awaitProcessed(send(
                "order-" + UUID.randomUUID(),
                "buyer-bean",
                "Zhejiang",
                Instant.now(),
                new LedgerScenariosTest.Line(item, 600_000)));
        settle(Instant.now().truncatedTo(ChronoUnit.MICROS), project);
        // 1,200,000 fen bought two grants, one per mother (never a second for the first), and carries 200,000
        JsonPath figures = page(programme);
        assertEquals(2, figures.getLong("benefitCount"));
        assertEquals(2, figures.getLong("helpedCount"));
        assertEquals(200_000, figures.getLong("carriedFen"));
        List<BenefitBought> grants = events(programme, EventType.BENEFIT_BOUGHT, BenefitBought.class, 2);
        assertEquals(
                List.of(mother, second),
                grants.stream().map(BenefitBought::beneficiaryId).toList());
        assertEquals(null, grants.get(0).endsOn());

        // her shop's orders since she was enrolled are the programme's sales: an order sent again counts once, one
        // completed before her enrolment not at all, another shop's not at all
        String before = "order-" + UUID.randomUUID();
        String order = "order-" + UUID.randomUUID();
        String another = "order-" + UUID.randomUUID();
        awaitProcessed(sendBy(
                shop,
                before,
                "buyer-m",
                "Zhejiang",
                Instant.now().minus(1, ChronoUnit.DAYS),
                new LedgerScenariosTest.Line("bean-scarf", 8_800)));
        Instant completed = Instant.now();
        for (int i = 0; i < 2; i++) {
            awaitProcessed(sendBy(
                    shop,
                    order,
                    "buyer-m",
                    "Zhejiang",
                    completed,
                    new LedgerScenariosTest.Line("bean-scarf", 8_800),
                    new LedgerScenariosTest.Line("bean-hat", 3_900)));
        }
        awaitProcessed(sendBy(
                shop,
                "order-" + UUID.randomUUID(),
                "buyer-n",
                "Anhui",
                Instant.now(),
                new LedgerScenariosTest.Line("bean-hat", 3_900)));
        awaitProcessed(sendBy(
                "seller-7",
                another,
                "buyer-n",
                "Anhui",
                Instant.now(),
                new LedgerScenariosTest.Line("bean-hat", 3_900)));
        figures = page(programme);
        assertEquals(2, figures.getLong("shopSaleCount"));
        assertEquals(16_600, figures.getLong("shopSalesFen"));

        // every purchase delivered again under a new event id changes no sale, no figure
        Redelivery.assertChangesNothing("donation-service", "commerce.orders");

        // her items carry the programme's label; other sellers' items none
        String mothersItem = "bean-item-" + UUID.randomUUID();
        given().header("Authorization", "Bearer " + GongyiTestInfrastructure.bearer(shop, "seller"))
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", project, "type", "PRESET"))
                .put("/items/{item}/charity-rule", mothersItem)
                .then()
                .statusCode(200)
                .body("programme.programmeId", equalTo(programme))
                .body("programme.kind", equalTo("MOTHERS_BUSINESS"));
        given().get("/items/{item}/charity-rule", mothersItem)
                .then()
                .statusCode(200)
                .body("programme.name", equalTo("Programme of " + project));
        given().get("/items/{item}/charity-rule", item).then().statusCode(200).body("programme", nullValue());

        // the jobs the charity reports: a month's later report replaces the earlier
        jobs(programme, "2018-05", 12).then().statusCode(200).body("jobs", equalTo(12));
        jobs(programme, "2018-05", 15).then().statusCode(200).body("jobs", equalTo(15));
        jobs(programme, "2018-06", 3).then().statusCode(200);
        jobs(programme, YearMonth.now(ChinaTime.ZONE).plusMonths(1).toString(), 1)
                .then()
                .statusCode(400)
                .body("detail", containsString("has not begun"));
        jobs(programme, "2018-13", 1).then().statusCode(400).body("detail", containsString("YYYY-MM"));
        assertEquals(18, page(programme).getLong("jobCount"));
        given().get("/programmes/{id}/jobs", programme)
                .then()
                .statusCode(200)
                .body("month", equalTo(List.of("2018-05", "2018-06")))
                .body("jobs", equalTo(List.of(15, 3)));
        assertEquals(
                List.of(12, 15, 3),
                events(programme, EventType.JOBS_REPORTED, JobsReported.class, 3).stream()
                        .map(JobsReported::jobs)
                        .toList());

        // the replay makes the shops' sales again from commerce.orders; the jobs are what the events say
        JsonPath report = AuditReplays.replay("{}");
        for (String name : List.of("shop sales", "programme shop figures", "programme jobs from published events")) {
            Map<String, Object> checked = report.getMap("projections.find { it.name == '" + name + "' }");
            assertEquals(0L, ((Number) checked.get("different")).longValue(), name + report.prettify());
            assertEquals(0L, ((Number) checked.get("onlyInLive")).longValue(), name + report.prettify());
            assertEquals(0L, ((Number) checked.get("onlyInReplay")).longValue(), name + report.prettify());
            assertEquals(true, ((Number) checked.get("equal")).longValue() >= 1, name + report.prettify());
        }

        as(charity(MAGIC_BEAN))
                .body(Map.of("reference", "c-1", "amountFen", 100, "paidOn", "2018-06-01"))
                .post(
                        "/programmes/{id}/benefits/{b}/claims",
                        programme,
                        grants.get(0).benefitId())
                .then()
                .statusCode(409)
                .body("detail", containsString("no insurance claims"));
    }

    private static io.restassured.response.Response jobs(String programme, String month, int jobs) {
        return as(charity(MAGIC_BEAN))
                .body(Map.of("jobs", jobs))
                .put("/programmes/{id}/jobs/{month}", programme, month);
    }

    private static String share(String buyer, String project) {
        String bearer = "Bearer " + GongyiTestInfrastructure.bearer(buyer, "buyer");
        JsonPath bill = given().header("Authorization", bearer)
                .get("/me/charity-bill")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> benefits = bill.getMap("projects.find { it.projectId == '" + project + "' }.benefits");
        assertEquals(5, ((Number) benefits.get("benefitCount")).longValue());
        assertEquals(5, ((Number) benefits.get("helpedCount")).longValue());
        assertEquals("HEALTH_INSURANCE", benefits.get("kind"));
        return benefits.get("yourShare").toString();
    }
}
