package org.gongyi.donation.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gongyi.donation.Fixtures;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventType;
import org.gongyi.events.Topic;
import org.gongyi.events.contract.DonationRecorded;
import org.gongyi.events.contract.DonationReversed;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.Management;
import org.gongyi.infra.test.Redelivery;
import org.gongyi.infra.test.ServiceDb;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first flow end to end, against the real Kafka broker and the real PostgreSQL server:
 * rule over REST → purchase-completed on Kafka → one donation → donation.recorded through the outbox → progress.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "donation"))
class DonationFlowTest {

    static final String ADMIN = "Bearer " + GongyiTestInfrastructure.bearer("admin-1", "admin");
    static final String SELLER = "Bearer " + GongyiTestInfrastructure.bearer("seller-7", "seller");

    static String createProject(String name) {
        Fixtures.verifiedOrganisations("charity-1");
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "charityId", "charity-1", "kind", "ONGOING"))
                .post("/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static void setRule(String itemId, String projectId, Map<String, Object> rule) {
        Map<String, Object> body = new HashMap<>(rule);
        body.put("projectId", projectId);
        given().header("Authorization", SELLER)
                .contentType(ContentType.JSON)
                .body(body)
                .put("/items/{item}/charity-rule", itemId)
                .then()
                .statusCode(200);
    }

    static String purchase(String orderId, String buyer, String itemId, long paidFen) {
        return """
                {"orderId":"%s","buyerId":"%s","sellerId":"seller-7","province":"Zhejiang",
                 "completedAt":"%s","lines":[{"itemId":"%s","quantity":1,"paidFen":%d}]}""".formatted(orderId, buyer, Instant.now().toString(), itemId, paidFen);
    }

    static String sendPurchase(String orderId, String buyer, String itemId, long paidFen) {
        return KafkaTestClient.sendEvent(
                Topic.COMMERCE_ORDERS.topicName(),
                orderId,
                "commerce.purchase-completed",
                purchase(orderId, buyer, itemId, paidFen));
    }

    static long count(String sql, Object... params) throws Exception {
        try (Connection c = GongyiTestInfrastructure.serviceConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<ConsumerRecord<String, String>> donationEvents(String orderId, String ceType, int atLeast) {
        return KafkaTestClient.readUntil(
                        Topic.DONATION_EVENTS.topicName(),
                        Duration.ofSeconds(20),
                        read -> read.stream()
                                        .filter(r -> r.value().contains(orderId)
                                                && ceType.equals(KafkaTestClient.header(r, "ce_type")))
                                        .count()
                                >= atLeast)
                .stream()
                .filter(r -> r.value().contains(orderId) && ceType.equals(KafkaTestClient.header(r, "ce_type")))
                .toList();
    }

    @Test
    void completedPurchaseBecomesOneDonationEvenWhenDeliveredTwice() throws Exception {
        String project = createProject("Free lunch for rural pupils");
        String item = "item-" + UUID.randomUUID();
        setRule(item, project, Map.of("type", "PERCENTAGE", "percent", 0.3));
        String order = "order-" + UUID.randomUUID();
        String ceId = UUID.randomUUID().toString();
        String event = purchase(order, "buyer-42", item, 19900);

        KafkaTestClient.sendEvent(Topic.COMMERCE_ORDERS.topicName(), order, "commerce.purchase-completed", ceId, event);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/projects/{id}", project)
                        .then()
                        .statusCode(200)
                        .body("raisedFen", equalTo(60))
                        .body("donationCount", equalTo(1)));

        // the very same event again, then a later event on the same partition as a marker that it was consumed
        KafkaTestClient.sendEvent(Topic.COMMERCE_ORDERS.topicName(), order, "commerce.purchase-completed", ceId, event);
        String marker = UUID.randomUUID().toString();
        KafkaTestClient.sendEvent(
                Topic.COMMERCE_ORDERS.topicName(), order, "commerce.order-refunded", marker, """
                {"orderId":"%s","buyerId":"buyer-42","refundedAt":"2030-01-01T00:00:00Z","lines":[{"itemId":"nothing-here","refundedFen":1}]}""".formatted(order));
        ServiceDb.awaitProcessed(List.of(marker));

        assertEquals(1, count("select count(*) from donation where order_id = ?", order));
        assertEquals(60, count("select amount_fen from donation where order_id = ?", order));
        // the natural keys are the guard: no processed-event record per event, the partition's next offset instead
        assertEquals(
                0, count("select count(*) from inbox_processed where consumer = 'donation-service.commerce-orders'"));
        assertTrue(count("select count(*) from inbox_offset where consumer = 'donation-service.commerce-orders'") > 0);
        given().get("/projects/{id}", project)
                .then()
                .body("raisedFen", equalTo(60))
                .body("donationCount", equalTo(1));

        // exactly one donation.recorded left through the outbox, as a CloudEvent keyed by buyer
        List<ConsumerRecord<String, String>> recorded = donationEvents(order, "donation.recorded", 1);
        assertEquals(1, recorded.size());
        ConsumerRecord<String, String> r = recorded.get(0);
        assertEquals("buyer-42", r.key());
        assertEquals("donation-service", KafkaTestClient.header(r, "ce_source"));
        assertEquals("1.0", KafkaTestClient.header(r, "ce_specversion"));
        assertNotNull(UUID.fromString(KafkaTestClient.header(r, "ce_id")));
        DonationRecorded data = (DonationRecorded) EventCodec.get().decode(EventType.DONATION_RECORDED, r.value());
        assertEquals(60, data.amountFen());
        assertEquals(project, data.projectId());
        assertEquals(30, data.rule().basisPoints());
        assertEquals(data.donationId(), KafkaTestClient.header(r, "ce_subject"));
        given().header("Authorization", "Bearer " + GongyiTestInfrastructure.bearer("buyer-42", "buyer"))
                .get("/me/donations")
                .then()
                .statusCode(200)
                .body("findAll { it.orderId == '" + order + "' }.amountFen", Matchers.contains(60));
        given().header("Authorization", "Bearer " + GongyiTestInfrastructure.bearer("buyer-other", "buyer"))
                .get("/me/donations")
                .then()
                .statusCode(200)
                .body("findAll { it.orderId == '" + order + "' }", Matchers.empty());
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from outbox_pending") == 0);
    }

    @Test
    void refundReversesTheDonationWithAnEntryNeverADelete() throws Exception {
        String project = createProject("Clean water");
        String item = "item-" + UUID.randomUUID();
        setRule(item, project, Map.of("type", "FIXED", "fixedFen", 100));
        String order = "order-" + UUID.randomUUID();
        sendPurchase(order, "buyer-7", item, 5000);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> given().get("/projects/{id}", project).then().body("raisedFen", equalTo(100)));

        KafkaTestClient.sendEvent(
                Topic.COMMERCE_ORDERS.topicName(), order, "commerce.order-refunded", """
                {"orderId":"%s","buyerId":"buyer-7","refundedAt":"2030-01-01T00:00:00Z","reason":"not as described"}""".formatted(order));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/projects/{id}", project)
                        .then()
                        .body("raisedFen", equalTo(0))
                        .body("donatedFen", equalTo(100))
                        .body("reversedFen", equalTo(100))
                        .body("reversalCount", equalTo(1)));
        assertEquals(1, count("select count(*) from donation where order_id = ?", order));
        assertEquals(
                1,
                count(
                        "select count(*) from donation_reversal r join donation d on d.id = r.donation_id "
                                + "where d.order_id = ?",
                        order));
        List<ConsumerRecord<String, String>> reversed = donationEvents(order, "donation.reversed", 1);
        DonationReversed data = (DonationReversed) EventCodec.get()
                .decode(EventType.DONATION_REVERSED, reversed.get(0).value());
        assertEquals(100, data.amountFen());
        assertEquals("not as described", data.reason());
    }

    @Test
    void malformedEventsGoToTheDeadLetterTopicAndTheNextGoodEventIsProcessed() throws Exception {
        String project = createProject("Trees for Alxa");
        String item = "item-" + UUID.randomUUID();
        setRule(item, project, Map.of("type", "FIXED", "fixedFen", 10));
        String order = "order-" + UUID.randomUUID();
        String notJsonId = KafkaTestClient.sendEvent(
                Topic.COMMERCE_ORDERS.topicName(), order, "commerce.purchase-completed", "this is {not json");
        String wrongSchemaId = KafkaTestClient.sendEvent(
                Topic.COMMERCE_ORDERS.topicName(),
                order,
                "commerce.purchase-completed",
                "{\"orderId\":\"" + order + "\",\"lines\":[]}");
        KafkaTestClient.send(Topic.COMMERCE_ORDERS.topicName(), order, Map.of(), "{\"no\":\"headers\"}");
        sendPurchase(order, "buyer-9", item, 999);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/projects/{id}", project)
                        .then()
                        .body("raisedFen", equalTo(10))
                        .body("donationCount", equalTo(1)));

        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readUntil(
                        Topic.DONATION_DLQ.topicName(),
                        Duration.ofSeconds(20),
                        read -> read.stream().filter(r -> order.equals(r.key())).count() >= 3)
                .stream()
                .filter(r -> order.equals(r.key()))
                .toList();
        assertEquals(3, dead.size());
        ConsumerRecord<String, String> notJson = dead.stream()
                .filter(r -> notJsonId.equals(KafkaTestClient.header(r, "ce_id")))
                .findFirst()
                .orElseThrow();
        assertTrue(
                KafkaTestClient.header(notJson, "dead-letter-reason").contains("not JSON"),
                KafkaTestClient.header(notJson, "dead-letter-reason"));
        assertEquals(Topic.COMMERCE_ORDERS.topicName(), KafkaTestClient.header(notJson, "dead-letter-topic"));
        assertEquals("this is {not json", notJson.value());
        ConsumerRecord<String, String> wrongSchema = dead.stream()
                .filter(r -> wrongSchemaId.equals(KafkaTestClient.header(r, "ce_id")))
                .findFirst()
                .orElseThrow();
        assertTrue(
                KafkaTestClient.header(wrongSchema, "dead-letter-reason").contains("does not match schema"),
                KafkaTestClient.header(wrongSchema, "dead-letter-reason"));
        assertTrue(dead.stream()
                .anyMatch(r -> KafkaTestClient.header(r, "dead-letter-reason").contains("missing CloudEvents header")));
    }

    @Test
    void ruleChangeAppliesToLaterDealsAndEachDonationKeepsItsRule() throws Exception {
        String project = createProject("Rule history");
        String item = "item-" + UUID.randomUUID();
        setRule(item, project, Map.of("type", "PERCENTAGE", "percent", 1));
        String first = "order-" + UUID.randomUUID();
        sendPurchase(first, "buyer-1", item, 10000);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from donation where order_id = ?", first) == 1);
        setRule(item, project, Map.of("type", "FIXED", "fixedFen", 2));
        String second = "order-" + UUID.randomUUID();
        sendPurchase(second, "buyer-1", item, 10000);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from donation where order_id = ?", second) == 1);
        assertEquals(100, count("select amount_fen from donation where order_id = ?", first));
        assertEquals(100, count("select basis_points from donation where order_id = ?", first));
        assertEquals(2, count("select amount_fen from donation where order_id = ?", second));
        assertEquals(2, count("select fixed_fen from donation where order_id = ?", second));

        given().header("Authorization", SELLER)
                .delete("/items/{item}/charity-rule", item)
                .then()
                .statusCode(204);
        given().get("/items/{item}/charity-rule", item).then().statusCode(404).contentType("application/problem+json");
        String third = "order-" + UUID.randomUUID();
        String thirdId = sendPurchase(third, "buyer-1", item, 10000);
        ServiceDb.awaitProcessed(List.of(thirdId));
        assertEquals(0, count("select count(*) from donation where order_id = ?", third));
        assertEquals(2, count("select count(*) from charity_rule where item_id = ?", item));
        assertEquals(0, count("select count(*) from charity_rule where item_id = ? and effective_to is null", item));
    }

    /**
     * A purchase that came with a request id and a trace: the donation.recorded it causes carries the request id on,
     * and its traceparent continues the purchase's trace (same trace id, the relay's own span).
     */
    @Test
    void aPurchasesRequestIdAndTraceReachItsDonationEvent() throws Exception {
        String project = createProject("Traced");
        String item = "item-" + UUID.randomUUID();
        setRule(item, project, Map.of("type", "FIXED", "fixedFen", 100));
        String order = "order-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        Map<String, String> headers = KafkaTestClient.headers("commerce.purchase-completed", id);
        headers.put("ce_requestid", "checkout-req-7");
        String trace = UUID.randomUUID().toString().replace("-", "");
        headers.put("traceparent", "00-" + trace + "-00f067aa0ba902b7-00");
        KafkaTestClient.send(Topic.COMMERCE_ORDERS.topicName(), order, headers, purchase(order, "buyer-t", item, 5000));
        ConsumerRecord<String, String> recorded =
                donationEvents(order, "donation.recorded", 1).get(0);
        assertEquals("checkout-req-7", KafkaTestClient.header(recorded, "ce_requestid"));
        assertEquals(id, KafkaTestClient.header(recorded, "ce_causationid"));
        String traceparent = KafkaTestClient.header(recorded, "traceparent");
        assertTrue(traceparent != null && traceparent.matches("00-" + trace + "-[0-9a-f]{16}-0[01]"), traceparent);
        assertNotEquals("00f067aa0ba902b7", traceparent.substring(36, 52), "the publish is a span of its own");
    }

    @Test
    void aBatchWithRepeatsAndPoisonAppliesEachGoodEventOnceInOrder() throws Exception {
        String project = createProject("Batch");
        String item = "item-" + UUID.randomUUID();
        setRule(item, project, Map.of("type", "FIXED", "fixedFen", 100));
        String order = "order-" + UUID.randomUUID();
        String purchaseId = UUID.randomUUID().toString();
        String refundId = UUID.randomUUID().toString();
        String lastId = UUID.randomUUID().toString();
        String purchase = purchase(order, "buyer-b", item, 5000);
        String half = """
                {"orderId":"%s","refundId":"%s","buyerId":"buyer-b","refundedAt":"2030-01-01T00:00:00Z",
                 "lines":[{"itemId":"%s","refundedFen":2500}]}""";
        String firstHalf = half.formatted(order, "rf-1-" + order, item);
        String secondHalf = half.formatted(order, "rf-2-" + order, item);
        String topic = Topic.COMMERCE_ORDERS.topicName();
        // the same event twice (same id), and the same purchase and refund sent again by the platform (new ids)
        KafkaTestClient.sendEvents(
                topic,
                List.of(
                        new KafkaTestClient.Event(order, "commerce.purchase-completed", purchaseId, purchase),
                        new KafkaTestClient.Event(order, "commerce.purchase-completed", purchaseId, purchase),
                        new KafkaTestClient.Event(
                                order,
                                "commerce.purchase-completed",
                                UUID.randomUUID().toString(),
                                purchase),
                        new KafkaTestClient.Event(
                                order,
                                "commerce.purchase-completed",
                                UUID.randomUUID().toString(),
                                "{oops"),
                        new KafkaTestClient.Event(order, "commerce.order-refunded", refundId, firstHalf),
                        new KafkaTestClient.Event(order, "commerce.order-refunded", refundId, firstHalf),
                        new KafkaTestClient.Event(
                                order,
                                "commerce.order-refunded",
                                UUID.randomUUID().toString(),
                                firstHalf),
                        new KafkaTestClient.Event(
                                order,
                                "commerce.something-new",
                                UUID.randomUUID().toString(),
                                "{}"),
                        new KafkaTestClient.Event(order, "commerce.order-refunded", lastId, secondHalf)));
        ServiceDb.awaitProcessed(List.of(lastId));
        assertEquals(1, count("select count(*) from donation where order_id = ?", order));
        assertEquals(5000, count("select refunded_fen from donation where order_id = ?", order));
        assertEquals(100, count("select reversed_fen from donation where order_id = ?", order));
        assertEquals(
                2,
                count(
                        "select count(*) from donation_reversal r join donation d on d.id = r.donation_id "
                                + "where d.order_id = ?",
                        order));
        given().get("/projects/{id}", project)
                .then()
                .body("donatedFen", equalTo(100))
                .body("reversedFen", equalTo(100))
                .body("donationCount", equalTo(1));
        // each row, and each event emitted, names the event it came from (a run of purchases as well as one event)
        assertEquals(
                1,
                count(
                        "select count(*) from donation where order_id = ? and source_event_id = cast(? as uuid)",
                        order,
                        purchaseId));
        assertEquals(
                List.of(refundId, lastId).stream().sorted().toList(),
                ServiceDb.strings(
                        "select cast(r.source_event_id "
                                + "as text) from donation_reversal r join donation d on d.id = r.donation_id where d.order_id = ? "
                                + "order by 1",
                        order));
        // the project's counters the refund that changed them last, its donor row the purchase that made it one
        assertEquals(
                lastId,
                ServiceDb.strings(
                                "select cast(last_event_id as text) from charity_project where id = "
                                        + "cast(? as uuid)",
                                project)
                        .get(0));
        assertEquals(
                purchaseId,
                ServiceDb.strings(
                                "select cast(source_event_id as text) from project_donor "
                                        + "where project_id = cast(? as uuid) and buyer_id = 'buyer-b'",
                                project)
                        .get(0));
        assertEquals(
                0, count("select count(*) from platform_buyer where buyer_id = 'buyer-b' and source_event_id is null"));
        assertEquals(
                purchaseId,
                KafkaTestClient.header(
                        donationEvents(order, "donation.recorded", 1).get(0), "ce_causationid"));
        assertEquals(
                Set.of(refundId, lastId),
                donationEvents(order, "donation.reversed", 2).stream()
                        .map(r -> KafkaTestClient.header(r, "ce_causationid"))
                        .collect(Collectors.toSet()));
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readUntil(
                        Topic.DONATION_DLQ.topicName(),
                        Duration.ofSeconds(20),
                        read -> read.stream().filter(r -> order.equals(r.key())).count() == 2)
                .stream()
                .filter(r -> order.equals(r.key()))
                .toList();
        assertEquals(2, dead.size(), "the malformed event and the one of a type the platform does not know");
        ConsumerRecord<String, String> malformed =
                dead.stream().filter(r -> "{oops".equals(r.value())).findFirst().orElseThrow();
        assertTrue(KafkaTestClient.header(malformed, "dead-letter-reason").startsWith("not JSON"));
        assertTrue(dead.stream()
                .anyMatch(r -> "unknown event type commerce.something-new"
                        .equals(KafkaTestClient.header(r, "dead-letter-reason"))));
        // every batch so far went through the set-based path, none fell back to record by record
        Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(Matchers.not(Matchers.containsString("gongyi_inbox_batch_fallbacks")));
    }

    /** Runs last: everything this service consumed so far, delivered again in reverse order, changes nothing. */
    @Test
    @Order(Integer.MAX_VALUE)
    void everyEventDeliveredAgainInReverseOrderChangesNothing() throws Exception {
        Redelivery.assertChangesNothing("donation-service", "commerce.orders");
    }
}
