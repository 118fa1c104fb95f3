package org.gongyi.donation.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.gongyi.donation.Fixtures;
import org.gongyi.events.Topic;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.ServiceDb;
import org.gongyi.infra.test.TestClock;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.gongyi.donation.flow.DonationFlowTest.count;
import static org.gongyi.donation.flow.DonationFlowTest.createProject;
import static org.gongyi.donation.flow.DonationFlowTest.setRule;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ledger's harder cases, end to end through Kafka and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "donation"))
class LedgerScenariosTest {

    record Line(String itemId, long paidFen) {}

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String send(String orderId, String buyer, String province, Instant completedAt, Line... lines) {
        return sendBy("seller-7", orderId, buyer, province, completedAt, lines);
    }

    static String sendBy(
            String seller, String orderId, String buyer, String province, Instant completedAt, Line... lines) {
        String json = """
                {"orderId":"%s","buyerId":"%s","sellerId":"%s","province":"%s","completedAt":"%s","lines":[%s]}""".formatted(
                        orderId,
                        buyer,
                        seller,
                        province,
                        completedAt,
                        Arrays.stream(lines)
                                .map(l -> "{\"itemId\":\"%s\",\"quantity\":1,\"paidFen\":%d}"
                                        .formatted(l.itemId(), l.paidFen()))
                                .collect(Collectors.joining(",")));
        return KafkaTestClient.sendEvent(
                Topic.COMMERCE_ORDERS.topicName(), orderId, "commerce.purchase-completed", json);
    }

    static String refund(String orderId, String linesJson) {
        return KafkaTestClient.sendEvent(
                Topic.COMMERCE_ORDERS.topicName(), orderId, "commerce.order-refunded", """
                {"orderId":"%s","buyerId":"b","refundedAt":"%s"%s}""".formatted(
                                orderId, Instant.now(), linesJson == null ? "" : ",\"lines\":" + linesJson));
    }

    static void awaitProcessed(String ceId) {
        ServiceDb.awaitProcessed(List.of(ceId));
    }

    static JsonPath project(String id) {
        return given().get("/projects/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static String item() {
        return "item-" + UUID.randomUUID();
    }

    @Test
    void multiLineOrderDonatesOnlyForLinesWithARuleAndMergesLinesOfOneItem() throws Exception {
        String p = createProject("Multi-line");
        String a = item();
        String b = item();
        String c = item();
        setRule(a, p, Map.of("type", "PERCENTAGE", "percent", 1));
        setRule(c, p, Map.of("type", "FIXED", "fixedFen", 100));
        String order = "order-" + UUID.randomUUID();
        awaitProcessed(send(
                order,
                "buyer-m",
                "Zhejiang",
                Instant.now(),
                new Line(a, 6000),
                new Line(b, 9999),
                new Line(a, 4000),
                new Line(c, 50)));
        assertEquals(2, count("select count(*) from donation where order_id = ?", order));
        assertEquals(100, count("select amount_fen from donation where order_id = ? and item_id = ?", order, a));
        assertEquals(10000, count("select paid_fen from donation where order_id = ? and item_id = ?", order, a));
        assertEquals(50, count("select amount_fen from donation where order_id = ? and item_id = ?", order, c));
        JsonPath progress = project(p);
        assertEquals(150, progress.getLong("raisedFen"));
        assertEquals(2, progress.getLong("donationCount"));
        assertEquals(1, progress.getLong("donorCount"));
    }

    @Test
    void partialRefundsReverseInProportionAndAddUpToTheDonation() throws Exception {
        String p = createProject("Partial refunds");
        String a = item();
        setRule(a, p, Map.of("type", "PERCENTAGE", "percent", 1));
        String order = "order-" + UUID.randomUUID();
        awaitProcessed(send(order, "buyer-r", "Jiangsu", Instant.now(), new Line(a, 10001)));
        assertEquals(100, count("select amount_fen from donation where order_id = ?", order));

        awaitProcessed(refund(order, "[{\"itemId\":\"" + a + "\",\"refundedFen\":2500}]"));
        assertEquals(25, count("select reversed_fen from donation where order_id = ?", order));
        assertEquals(0, count("select count(*) from donation where order_id = ? and reversed_at is not null", order));

        awaitProcessed(refund(order, "[{\"itemId\":\"" + a + "\",\"refundedFen\":999999}]"));
        assertEquals(100, count("select reversed_fen from donation where order_id = ?", order));
        assertEquals(10001, count("select refunded_fen from donation where order_id = ?", order));
        assertEquals(1, count("select count(*) from donation where order_id = ? and reversed_at is not null", order));
        assertEquals(
                2,
                count(
                        "select count(*) from donation_reversal r join donation d on d.id = r.donation_id "
                                + "where d.order_id = ?",
                        order));
        assertEquals(
                100,
                count(
                        "select sum(r.amount_fen) from donation_reversal r join donation d "
                                + "on d.id = r.donation_id where d.order_id = ?",
                        order));

        awaitProcessed(refund(order, null)); // nothing left to refund: no third entry
        assertEquals(
                2,
                count(
                        "select count(*) from donation_reversal r join donation d on d.id = r.donation_id "
                                + "where d.order_id = ?",
                        order));
        JsonPath progress = project(p);
        assertEquals(0, progress.getLong("raisedFen"));
        assertEquals(100, progress.getLong("reversedFen"));
        assertEquals(2, progress.getLong("reversalCount"));
    }

    @Test
    void aRefundBeforeItsPurchaseEndsTheSameAsAfter() throws Exception {
        String p = createProject("Out of order");
        String a = item();
        String b = item();
        setRule(a, p, Map.of("type", "PERCENTAGE", "percent", 10));
        setRule(b, p, Map.of("type", "PERCENTAGE", "percent", 10));
        String whole = "order-" + UUID.randomUUID();
        String wholeRefund = refund(whole, null);
        awaitProcessed(wholeRefund);
        String purchase = send(whole, "buyer-o", "Anhui", Instant.now(), new Line(a, 1000), new Line(b, 2000));
        awaitProcessed(purchase);
        assertEquals(300, count("select sum(reversed_fen) from donation where order_id = ?", whole));
        // the refund kept early, and the reversals it became, name the refund event; the donations the purchase
        assertEquals(
                List.of(wholeRefund, wholeRefund, wholeRefund),
                ServiceDb.strings(
                        "select cast(source_event_id as text) from early_refund where order_id = ? union all "
                                + "select cast(r.source_event_id as text) from donation_reversal r join donation d "
                                + "on d.id = r.donation_id where d.order_id = ?",
                        whole,
                        whole));
        assertEquals(
                List.of(purchase, purchase),
                ServiceDb.strings("select cast(source_event_id as text) from donation where order_id = ?", whole));

        String partial = "order-" + UUID.randomUUID();
        awaitProcessed(refund(partial, "[{\"itemId\":\"" + b + "\",\"refundedFen\":500}]"));
        awaitProcessed(send(partial, "buyer-o", "Anhui", Instant.now(), new Line(a, 1000), new Line(b, 2000)));
        assertEquals(0, count("select reversed_fen from donation where order_id = ? and item_id = ?", partial, a));
        assertEquals(50, count("select reversed_fen from donation where order_id = ? and item_id = ?", partial, b));
        assertEquals(
                0,
                count(
                        "select count(*) from early_refund where order_id in (?, ?) and applied_at is null",
                        whole,
                        partial));
        JsonPath progress = project(p);
        assertEquals(600, progress.getLong("donatedFen"));
        assertEquals(350, progress.getLong("reversedFen"));
    }

    @Test
    void aProjectTakesDonationsFromItsStartAndRulesBeforeIt() throws Exception {
        Fixtures.verifiedOrganisations("charity-1");
        Instant starts = Instant.now().plus(Duration.ofDays(1));
        String campaign = given().header("Authorization", DonationFlowTest.ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Double 11 lunches",
                        "charityId",
                        "charity-1",
                        "kind",
                        "TIME_LIMITED",
                        "targetFen",
                        1000,
                        "startsAt",
                        starts.toString(),
                        "endsAt",
                        starts.plus(Duration.ofDays(3)).toString()))
                .post("/projects")
                .then()
                .statusCode(201)
                .body("open", equalTo(false))
                .extract()
                .path("id");
        String a = item();
        setRule(a, campaign, Map.of("type", "FIXED", "fixedFen", 100)); // ready before the campaign opens
        String early = "order-" + UUID.randomUUID();
        String opened = "order-" + UUID.randomUUID();
        awaitProcessed(send(early, "buyer-t", "Hubei", starts.minusSeconds(60), new Line(a, 5000)));
        awaitProcessed(send(opened, "buyer-t", "Hubei", starts.plusSeconds(60), new Line(a, 5000)));
        assertEquals(0, count("select count(*) from donation where order_id = ?", early));
        assertEquals(100, count("select amount_fen from donation where order_id = ?", opened));
        clock.set(starts.plusSeconds(1));
        assertEquals(true, project(campaign).getBoolean("open"));
    }

    @Test
    void anEndedOrClosedProjectTakesNoRulesAndItsRulesStopDonating() throws Exception {
        Fixtures.verifiedOrganisations("charity-1", "charity-9", "charity-10");
        Instant ends = Instant.now().plus(Duration.ofDays(1));
        String limited = given().header("Authorization", DonationFlowTest.ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Winter coats",
                        "charityId",
                        "charity-1",
                        "kind",
                        "TIME_LIMITED",
                        "targetFen",
                        1000,
                        "endsAt",
                        ends.toString()))
                .post("/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String a = item();
        setRule(a, limited, Map.of("type", "FIXED", "fixedFen", 100));
        String before = "order-" + UUID.randomUUID();
        String after = "order-" + UUID.randomUUID();
        awaitProcessed(send(before, "buyer-e", "Hubei", ends.minusSeconds(60), new Line(a, 5000)));
        awaitProcessed(send(after, "buyer-e", "Hubei", ends.plusSeconds(60), new Line(a, 5000)));
        assertEquals(1, count("select count(*) from donation where order_id = ?", before));
        assertEquals(0, count("select count(*) from donation where order_id = ?", after));
        assertEquals(10.0f, project(limited).getFloat("progressPercent"));

        String charity = "Bearer "
                + GongyiTestInfrastructure.tokens()
                        .token("ngo", List.of("charity"), Duration.ofMinutes(5), Map.of("org", "charity-9"));
        String own = given().header("Authorization", charity)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Ours", "kind", "ONGOING"))
                .post("/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String b = item();
        setRule(b, own, Map.of("type", "FIXED", "fixedFen", 10));
        given().header(
                        "Authorization",
                        "Bearer "
                                + GongyiTestInfrastructure.tokens()
                                        .token(
                                                "other-ngo",
                                                List.of("charity"),
                                                Duration.ofMinutes(5),
                                                Map.of("org", "charity-10")))
                .post("/projects/{id}/close", own)
                .then()
                .statusCode(403);
        given().header("Authorization", charity)
                .post("/projects/{id}/close", own)
                .then()
                .statusCode(200)
                .body("open", equalTo(false));
        String closedOrder = "order-" + UUID.randomUUID();
        awaitProcessed(send(closedOrder, "buyer-e", "Hubei", Instant.now(), new Line(b, 5000)));
        assertEquals(0, count("select count(*) from donation where order_id = ?", closedOrder));
        given().header("Authorization", DonationFlowTest.SELLER)
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", own, "type", "FIXED", "fixedFen", 10))
                .put("/items/{i}/charity-rule", item())
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void buyerBillSellerDashboardAndPlatformTotalsFollowTheLedger() throws Exception {
        String p = createProject("Transparency");
        String a = item();
        setRule(a, p, Map.of("type", "PERCENTAGE", "percent", 10));
        String buyer = "buyer-" + UUID.randomUUID();
        String province = "Qinghai";
        String o1 = "order-" + UUID.randomUUID();
        String o2 = "order-" + UUID.randomUUID();
        String o3 = "order-" + UUID.randomUUID();
        awaitProcessed(send(o1, buyer, province, Instant.parse("2027-06-01T04:00:00Z"), new Line(a, 1000)));
        awaitProcessed(send(o2, buyer, province, Instant.parse("2028-03-01T04:00:00Z"), new Line(a, 2000)));
        // completion times lie ahead of the rule's start; 2028-12-31T17:00Z is already 2029 in China Standard Time
        awaitProcessed(send(o3, buyer, province, Instant.parse("2028-12-31T17:00:00Z"), new Line(a, 3000)));
        awaitProcessed(refund(o2, null));

        String token = "Bearer " + GongyiTestInfrastructure.bearer(buyer, "buyer");
        JsonPath y2028 = given().header("Authorization", token)
                .queryParam("year", 2028)
                .get("/me/charity-bill")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, y2028.getLong("donationCount"));
        assertEquals(200, y2028.getLong("donatedFen"));
        assertEquals(0, y2028.getLong("netFen"));
        assertEquals("Transparency", y2028.getString("projects[0].name"));
        JsonPath y2029 = given().header("Authorization", token)
                .queryParam("year", 2029)
                .get("/me/charity-bill")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(300, y2029.getLong("netFen"));
        given().header("Authorization", "Bearer " + GongyiTestInfrastructure.bearer("someone-else", "buyer"))
                .queryParam("year", 2027)
                .get("/me/charity-bill")
                .then()
                .statusCode(200)
                .body("donationCount", equalTo(0));

        JsonPath dashboard = given().header("Authorization", DonationFlowTest.SELLER)
                .queryParam("from", "2028-03-01")
                .queryParam("to", "2028-03-01")
                .get("/sellers/me/dashboard")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> rows = dashboard.getList("findAll { it.projectId == '" + p + "' }");
        assertEquals(1, rows.size());
        assertEquals(200, ((Number) rows.get(0).get("donatedFen")).longValue());
        assertEquals(200, ((Number) rows.get(0).get("reversedFen")).longValue());
        given().header("Authorization", DonationFlowTest.SELLER)
                .queryParam("from", "2026-03-02")
                .queryParam("to", "2026-03-01")
                .get("/sellers/me/dashboard")
                .then()
                .statusCode(400);

        JsonPath totals =
                given().get("/totals").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> ours = totals.getList("provinces.findAll { it.province == '" + province + "' }");
        assertEquals(1, ours.size());
        assertEquals(
                count("select count(*) from donation where province = ?", province),
                ((Number) ours.get(0).get("donationCount")).longValue());
        assertEquals(
                count("select sum(amount_fen) from donation where province = ?", province),
                ((Number) ours.get(0).get("donatedFen")).longValue());
        assertEquals(count("select count(distinct province) from donation"), totals.getLong("provincesCovered"));
        assertEquals(
                totals.getLong("provincesCovered"), totals.getList("provinces").size());
        long byProvince = totals.getList("provinces.donatedFen", Long.class).stream()
                .mapToLong(Long::longValue)
                .sum();
        assertEquals(count("select sum(amount_fen) from donation where province is not null"), byProvince);
        assertEquals(count("select count(distinct buyer_id) from donation"), totals.getLong("buyers"));
        assertEquals(count("select count(*) from donation"), totals.getLong("participations"));
        assertEquals(
                count("select coalesce(sum(amount_fen), 0) - coalesce(sum(reversed_fen), 0) from donation"),
                totals.getLong("netFen"));
    }

    static List<Map<String, Object>> settle(Instant periodEnd, String project) {
        return given().header("Authorization", DonationFlowTest.ADMIN)
                .queryParam("periodEnd", periodEnd.toString())
                .post("/settlements")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.projectId == '" + project + "' }");
    }

    @Test
    void payoutsPlusTheOpenBalanceAlwaysEqualNetDonations() throws Exception {
        String p = createProject("Payouts");
        String a = item();
        setRule(a, p, Map.of("type", "PERCENTAGE", "percent", 10));
        String o1 = "order-" + UUID.randomUUID();
        awaitProcessed(send(o1, "buyer-p", "Fujian", Instant.now(), new Line(a, 1000)));
        awaitProcessed(send("order-" + UUID.randomUUID(), "buyer-p", "Fujian", Instant.now(), new Line(a, 2000)));

        Instant firstEnd = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Map<String, Object>> first = settle(firstEnd, p);
        assertEquals(1, first.size());
        assertEquals(300, ((Number) first.get(0).get("netFen")).longValue());
        assertEquals(2, ((Number) first.get(0).get("donationCount")).longValue());
        assertEquals(List.of(), settle(firstEnd, p), "settling the same period again changes nothing");

        awaitProcessed(refund(o1, null));
        awaitProcessed(send("order-" + UUID.randomUUID(), "buyer-p", "Fujian", Instant.now(), new Line(a, 3000)));
        JsonPath statement = given().get("/projects/{id}/payouts", p)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(300, statement.getLong("settledNetFen"));
        assertEquals(200, statement.getLong("openBalanceFen"));
        assertEquals(500, statement.getLong("netFen"));
        assertEquals(
                project(p).getLong("raisedFen"),
                statement.getLong("settledNetFen") + statement.getLong("openBalanceFen"));

        List<Map<String, Object>> second = settle(Instant.now(), p);
        assertEquals(1, second.size());
        assertEquals(300, ((Number) second.get(0).get("donatedFen")).longValue());
        assertEquals(100, ((Number) second.get(0).get("reversedFen")).longValue());
        assertEquals(
                firstEnd.toString(),
                Instant.parse((String) second.get(0).get("periodStart")).toString());
        statement = given().get("/projects/{id}/payouts", p)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(500, statement.getLong("settledNetFen"));
        assertEquals(0, statement.getLong("openBalanceFen"));
        assertEquals(2, statement.getList("payouts").size());
        given().header("Authorization", DonationFlowTest.ADMIN)
                .queryParam("periodEnd", "tomorrow")
                .post("/settlements")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aLateEventGetsTheRuleInForceWhenItsDealCompletedNotTheCurrentOne() throws Exception {
        String p = createProject("Rule at completion");
        String a = item();
        Instant underFirstRule = Instant.now().minusSeconds(60);
        clock.set(underFirstRule.minusSeconds(1));
        setRule(a, p, Map.of("type", "FIXED", "fixedFen", 100));
        clock.set(underFirstRule.plusSeconds(1));
        setRule(a, p, Map.of("type", "FIXED", "fixedFen", 2));
        clock.reset();
        String late = "order-" + UUID.randomUUID();
        String current = "order-" + UUID.randomUUID();
        String beforeAnyRule = "order-" + UUID.randomUUID();
        awaitProcessed(send(late, "buyer-l", "Hunan", underFirstRule, new Line(a, 5000)));
        awaitProcessed(send(current, "buyer-l", "Hunan", Instant.now(), new Line(a, 5000)));
        awaitProcessed(send(beforeAnyRule, "buyer-l", "Hunan", underFirstRule.minusSeconds(3600), new Line(a, 5000)));
        assertEquals(100, count("select amount_fen from donation where order_id = ?", late));
        assertEquals(2, count("select amount_fen from donation where order_id = ?", current));
        assertEquals(0, count("select count(*) from donation where order_id = ?", beforeAnyRule));
    }

    @Test
    void aDealDonatesOnlyUnderARuleItsOwnSellerSet() throws Exception {
        String p = createProject("Own items");
        String a = item();
        setRule(a, p, Map.of("type", "FIXED", "fixedFen", 100)); // seller-7's item
        String byAnother = "order-" + UUID.randomUUID();
        awaitProcessed(sendBy("seller-9", byAnother, "buyer-s", "Henan", Instant.now(), new Line(a, 5000)));
        assertEquals(0, count("select count(*) from donation where order_id = ?", byAnother));

        // another seller's rule on the same item id is that seller's own: it neither replaces nor blocks seller-7's
        String seller9 = "Bearer " + GongyiTestInfrastructure.bearer("seller-9", "seller");
        given().header("Authorization", seller9)
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", p, "type", "FIXED", "fixedFen", 2))
                .put("/items/{item}/charity-rule", a)
                .then()
                .statusCode(200)
                .body("sellerId", equalTo("seller-9"));
        String own = "order-" + UUID.randomUUID();
        String theirs = "order-" + UUID.randomUUID();
        awaitProcessed(send(own, "buyer-s", "Henan", Instant.now(), new Line(a, 5000)));
        awaitProcessed(sendBy("seller-9", theirs, "buyer-s", "Henan", Instant.now(), new Line(a, 5000)));
        assertEquals(100, count("select amount_fen from donation where order_id = ?", own));
        assertEquals(2, count("select amount_fen from donation where order_id = ?", theirs));
        assertEquals(1, count("select count(*) from donation where order_id = ? and seller_id = 'seller-9'", theirs));

        given().get("/items/{item}/charity-rule", a)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("Item " + a + " has rules of 2 sellers: ask for one with ?sellerId="));
        given().queryParam("sellerId", "seller-7")
                .get("/items/{item}/charity-rule", a)
                .then()
                .statusCode(200)
                .body("fixedFen", equalTo(100));
        given().header("Authorization", seller9)
                .delete("/items/{item}/charity-rule", a)
                .then()
                .statusCode(204);
        given().get("/items/{item}/charity-rule", a)
                .then()
                .statusCode(200)
                .body("sellerId", equalTo("seller-7"))
                .body("fixedFen", equalTo(100));
        given().queryParam("sellerId", "seller-9")
                .get("/items/{item}/charity-rule", a)
                .then()
                .statusCode(404);
    }

    @Test
    void totalsOfAFiscalYearCountItsDealsAndReversalsTheThirtyFourProvincesAndWhereAidWent() throws Exception {
        Fixtures.verifiedOrganisations("charity-1");
        given().header("Authorization", DonationFlowTest.ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "Nowhere", "charityId", "charity-1", "kind", "ONGOING", "regions", List.of("Atlantis")))
                .post("/projects")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", Matchers.endsWith("not Atlantis"));
        // nothing else in the suite is this old: fiscal year 2012 is April 2011 to March 2012 (China Standard Time)
        clock.set(Instant.parse("2011-01-01T00:00:00Z"));
        String p = given().header("Authorization", DonationFlowTest.ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Clean water",
                        "charityId",
                        "charity-1",
                        "kind",
                        "ONGOING",
                        "regions",
                        List.of("甘肃省", "Yunnan", "Gansu")))
                .post("/projects")
                .then()
                .statusCode(201)
                .body("regions", Matchers.contains("Gansu", "Yunnan"))
                .extract()
                .path("id");
        String a = item();
        setRule(a, p, Map.of("type", "FIXED", "fixedFen", 100));
        clock.reset();
        String fy2011 = "order-" + UUID.randomUUID();
        String fy2012 = "order-" + UUID.randomUUID();
        String unknownPlace = "order-" + UUID.randomUUID();
        String refunded = "order-" + UUID.randomUUID();
        awaitProcessed(send(fy2011, "buyer-fy1", "浙江省", Instant.parse("2011-03-31T15:59:59Z"), new Line(a, 5000)));
        awaitProcessed(send(fy2012, "buyer-fy1", "Zhejiang", Instant.parse("2011-03-31T16:00:00Z"), new Line(a, 5000)));
        awaitProcessed(
                send(unknownPlace, "buyer-fy2", "Atlantis", Instant.parse("2011-06-01T02:00:00Z"), new Line(a, 5000)));
        awaitProcessed(send(refunded, "buyer-fy3", "Gansu", Instant.parse("2012-03-31T15:59:59Z"), new Line(a, 5000)));
        clock.set(Instant.parse("2012-02-01T00:00:00Z"));
        awaitProcessed(refund(refunded, null));
        clock.reset();
        assertEquals(1, count("select count(*) from donation where order_id = ? and province is null", unknownPlace));

        given().queryParam("fiscalYear", 2012)
                .get("/totals")
                .then()
                .statusCode(200)
                .body("from", equalTo("2011-04-01"))
                .body("to", equalTo("2012-03-31"))
                .body("donatedFen", equalTo(300))
                .body("reversedFen", equalTo(100))
                .body("netFen", equalTo(200))
                .body("participations", equalTo(3))
                .body("buyers", equalTo(3))
                .body("provincesCovered", equalTo(2))
                .body("provinces.province", Matchers.contains("Gansu", "Zhejiang"))
                .body("provinces.donatedFen", Matchers.contains(100, 100))
                .body("aidRegions", Matchers.contains("Gansu", "Yunnan"));
        given().queryParam("fiscalYear", 2011)
                .get("/totals")
                .then()
                .statusCode(200)
                .body("donatedFen", equalTo(100))
                .body("participations", equalTo(1))
                .body("provinces.province", Matchers.contains("Zhejiang"));
        given().queryParam("from", "2011-04-01")
                .queryParam("to", "2011-04-01")
                .get("/totals")
                .then()
                .statusCode(200)
                .body("donatedFen", equalTo(100))
                .body("buyers", equalTo(1));
        // the history, from the minutes kept with each donation and reversal (China Standard Time days; empty
        // buckets as zeros): the deals on either side of midnight in Shanghai, the reversal at the hour it was made
        given().queryParam("by", "DAY")
                .queryParam("from", "2011-03-31T00:00:00Z")
                .queryParam("to", "2011-04-02T00:00:00Z")
                .get("/totals/history")
                .then()
                .statusCode(200)
                .header("Cache-Control", "max-age=1")
                .body("by", equalTo("DAY"))
                .body("from", equalTo("2011-03-30T16:00:00Z"))
                .body("to", equalTo("2011-04-02T16:00:00Z"))
                .body(
                        "points.at",
                        Matchers.contains("2011-03-30T16:00:00Z", "2011-03-31T16:00:00Z", "2011-04-01T16:00:00Z"))
                .body("points.donatedFen", Matchers.contains(100, 100, 0))
                .body("points.donationCount", Matchers.contains(1, 1, 0));
        given().queryParam("by", "MINUTE")
                .queryParam("from", "2011-06-01T01:59:00Z")
                .queryParam("to", "2011-06-01T02:01:00Z")
                .get("/totals/history")
                .then()
                .statusCode(200)
                .body("points.donatedFen", Matchers.contains(0, 100))
                .body("points.reversedFen", Matchers.contains(0, 0));
        given().queryParam("from", "2012-01-31T23:00:00Z")
                .queryParam("to", "2012-02-01T01:00:00Z")
                .get("/totals/history")
                .then()
                .statusCode(200)
                .body("by", equalTo("HOUR"))
                .body("points.reversedFen", Matchers.contains(0, 100))
                .body("points.reversalCount", Matchers.contains(0, 1))
                .body("points.donatedFen", Matchers.contains(0, 0));
        given().queryParam("by", "WEEK")
                .get("/totals/history")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("by", "MINUTE")
                .queryParam("from", "2011-01-01T00:00:00Z")
                .get("/totals/history")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        given().queryParam("fiscalYear", 2012)
                .queryParam("from", "2011-04-01")
                .get("/totals")
                .then()
                .statusCode(400);
        given().queryParam("to", "2011-04-01").get("/totals").then().statusCode(400);
        given().queryParam("from", "2011-04-02")
                .queryParam("to", "2011-04-01")
                .get("/totals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
