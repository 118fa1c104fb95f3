package org.gongyi.forest.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventType;
import org.gongyi.events.Topic;
import org.gongyi.events.contract.EnergyCredited;
import org.gongyi.forest.domain.EnergyRuleTable;
import org.gongyi.forest.persistence.EnergyRules;
import org.gongyi.infra.test.AuditReplays;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.Management;
import org.gongyi.infra.test.Metrics;
import org.gongyi.infra.test.Redelivery;
import org.gongyi.infra.test.ServiceDb;
import org.gongyi.infra.test.TestClock;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.gongyi.forest.Fixtures.action;
import static org.gongyi.forest.Fixtures.bearer;
import static org.gongyi.forest.Fixtures.report;
import static org.gongyi.infra.test.ServiceDb.count;
import static org.gongyi.infra.test.ServiceDb.query;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Low-carbon actions on the real broker → caps → energy balls → collection, with the service's clock moved. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "forest"))
class EnergyFlowTest {

    @Inject
    TestClock clock;

    @Inject
    EnergyRules energyRules;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String user() {
        return "walker-" + UUID.randomUUID();
    }

    private static String ref() {
        return UUID.randomUUID().toString();
    }

    /** (status, grams, reason) of a user's actions in the order they were recorded. */
    private static List<List<Object>> outcomes(String user) throws Exception {
        return query(
                "select status, grams, reason from energy_action where user_id = ? order by recorded_at, id", user);
    }

    private static List<String> statuses(String user) throws Exception {
        return query("select status from energy_action where user_id = ? order by occurred_at, recorded_at", user)
                .stream()
                .map(r -> (String) r.get(0))
                .toList();
    }

    @Test
    void walkingCreditsTheDayStepCountDifferenceUpToTheDailyCap() throws Exception {
        String u = user();
        Instant day = Instant.parse("2026-03-10T02:00:00Z"); // 10:00 in Shanghai
        report(
                action(u, "WALKING", 5_000, day, ref(), null, null),
                action(u, "WALKING", 9_000, day.plusSeconds(3600), ref(), null, null),
                action(u, "WALKING", 20_000, day.plusSeconds(7200), ref(), null, null),
                action(u, "WALKING", 30_000, day.plusSeconds(9000), ref(), null, null),
                // 00:30 the next day in Shanghai (16:30 UTC): a new day
                action(u, "WALKING", 1_000, Instant.parse("2026-03-10T16:30:00Z"), ref(), null, null));
        List<List<Object>> rows =
                query("select status, grams, reason from energy_action where user_id = ? " + "order by occurred_at", u);
        assertEquals(Arrays.asList("CREDITED", 100L, null), rows.get(0));
        assertEquals(Arrays.asList("CREDITED", 80L, null), rows.get(1));
        assertEquals(List.of("CREDITED", 116L, "walking capped at 296 g a day"), rows.get(2));
        assertEquals(List.of("CAPPED", 0L, "walking cap of 296 g a day already reached"), rows.get(3));
        assertEquals(Arrays.asList("CREDITED", 20L, null), rows.get(4));
        assertEquals(
                296,
                count(
                        "select sum(grams) from energy_ball where user_id = ? and ripens_at = ?",
                        u,
                        Timestamp.from(Instant.parse("2026-03-10T23:00:00Z"))));
    }

    @Test
    void walkingCountsArrivingLatestFirstEndInTheSameDayTotal() throws Exception {
        String inOrder = user();
        String reversed = user();
        Instant day = Instant.parse("2026-03-12T02:00:00Z");
        long[] steps = {3_000, 6_000, 9_000};
        for (int i = 0; i < steps.length; i++) {
            report(action(inOrder, "WALKING", steps[i], day.plusSeconds(3600L * i), ref(), null, null));
        }
        for (int i = steps.length - 1; i >= 0; i--) {
            report(action(reversed, "WALKING", steps[i], day.plusSeconds(3600L * i), ref(), null, null));
        }
        // the day's count is 9,000 steps, 180 g, whichever count arrives first
        assertEquals(180, count("select sum(grams) from energy_action where user_id = ?", inOrder));
        assertEquals(180, count("select sum(grams) from energy_action where user_id = ?", reversed));
        assertEquals(180, count("select sum(grams) from energy_ball where user_id = ?", reversed));
    }

    /**
     * Many users' actions sent at once (judged together, set-based, when they arrive in one poll): a ride already
     * recorded and a ride repeated within the burst count once, each user's daily cap holds across the users
     * interleaved, and every credit has its ball, counter, total and event.
     */
    @Test
    void aBurstOfInterleavedUsersEndsAsOneByOne() throws Exception {
        String a = user();
        String b = user();
        Instant day = Instant.parse("2026-05-06T02:00:00Z");
        String earlier = ref();
        report(action(a, "METRO_RIDE", 1, day, earlier, null, null));
        long creditedBefore = count("select coalesce(sum(energy_credited), 0) from forest_totals");
        String repeated = ref();
        List<String> burst = new ArrayList<>();
        burst.add(action(a, "METRO_RIDE", 1, day.plusSeconds(1), earlier, null, null));
        for (int i = 0; i < 6; i++) {
            burst.add(action(a, "METRO_RIDE", 1, day.plusSeconds(10 + i), i == 0 ? repeated : ref(), null, null));
            burst.add(action(b, "METRO_RIDE", 1, day.plusSeconds(10 + i), ref(), null, null));
        }
        burst.add(action(a, "METRO_RIDE", 1, day.plusSeconds(20), repeated, null, null));
        report(burst);
        assertEquals(
                List.of("CREDITED", "CREDITED", "CREDITED", "CREDITED", "CREDITED", "CAPPED", "CAPPED"), statuses(a));
        assertEquals(List.of("CREDITED", "CREDITED", "CREDITED", "CREDITED", "CREDITED", "CAPPED"), statuses(b));
        for (String u : List.of(a, b)) {
            assertEquals(
                    List.of(List.of("DAY", 5L, 260L), List.of("MONTH", 5L, 260L)),
                    query(
                            "select period, "
                                    + "action_count, grams from energy_usage where user_id = ? order by period",
                            u));
            assertEquals(
                    5,
                    count(
                            "select count(*) from energy_ball b join energy_action x on x.id = b.action_id "
                                    + "where b.user_id = ? and x.ball_id = b.id and b.grams = 52",
                            u));
            assertEquals(1, count("select count(*) from energy_account where user_id = ?", u));
            assertEquals(
                    5,
                    count(
                            "select count(*) from outbox_event where ce_type = 'forest.energy-credited' "
                                    + "and partition_key = ? and caused_by is not null",
                            u));
        }
        assertEquals(1, count("select count(*) from energy_action where source_ref = ?", repeated));
        assertEquals(creditedBefore + 9 * 52, count("select coalesce(sum(energy_credited), 0) from forest_totals"));
    }

    /** The energy-credited event of an action that came with a request id carries it on (and names its cause). */
    @Test
    void anActionsRequestIdReachesTheEnergyItCredits() throws Exception {
        String u = user();
        String id = UUID.randomUUID().toString();
        Map<String, String> headers = KafkaTestClient.headers("lowcarbon.action-recorded", id);
        headers.put("ce_requestid", "partner-req-42");
        KafkaTestClient.send(
                Topic.LOWCARBON_ACTIONS.topicName(),
                u,
                headers,
                action(u, "BUS_RIDE", 1, Instant.parse("2026-05-07T02:00:00Z"), ref(), null, null));
        ServiceDb.awaitProcessed(List.of(id));
        assertEquals(
                List.of(List.of("partner-req-42", id)),
                query(
                        "select request_id, cast(caused_by as text) "
                                + "from outbox_event where ce_type = 'forest.energy-credited' and partition_key = ?",
                        u));
    }

    /** Each counted action type: the cap's worth is credited, the next is capped, the next period starts afresh. */
    @Test
    void everyActionTypeIsCappedPerShanghaiDayOrMonth() throws Exception {
        record Case(String type, int cap, long grams, Long amount, boolean monthly) {}
        List<Case> cases = List.of(
                new Case("OFFLINE_PAYMENT", 10, 5, 100L, false),
                new Case("CINEMA_TICKET", 10, 180, null, true),
                new Case("TRAIN_TICKET", 10, 136, null, true),
                new Case("HOSPITAL_APPOINTMENT", 5, 277, null, true),
                new Case("METRO_RIDE", 5, 52, null, false),
                new Case("BUS_RIDE", 5, 80, null, false),
                new Case("ETC_TOLL", 5, 23, null, false),
                new Case("E_INVOICE", 5, 5, null, false),
                new Case("UTILITY_BILL", 10, 262, 5_000L, true));
        // the last minute of a Shanghai day / month, then the first minute of the next
        Instant lastDayMinute = Instant.parse("2026-03-10T15:59:00Z");
        Instant lastMonthMinute = Instant.parse("2026-03-31T15:59:00Z");
        List<String> actions = new ArrayList<>();
        Map<String, Case> byUser = new LinkedHashMap<>();
        for (Case c : cases) {
            String u = user();
            byUser.put(u, c);
            Instant last = c.monthly() ? lastMonthMinute : lastDayMinute;
            for (int i = 0; i <= c.cap(); i++) {
                // utility bills: each from its own household, so only the user's monthly cap applies
                actions.add(action(
                        u,
                        c.type(),
                        1,
                        last.minusSeconds(60L * (c.cap() - i)),
                        ref(),
                        c.amount(),
                        "UTILITY_BILL".equals(c.type()) ? "household-" + UUID.randomUUID() : null));
            }
            actions.add(action(
                    u,
                    c.type(),
                    1,
                    last.plusSeconds(120),
                    ref(),
                    c.amount(),
                    "UTILITY_BILL".equals(c.type()) ? "household-" + UUID.randomUUID() : null));
        }
        report(actions);
        for (Map.Entry<String, Case> e : byUser.entrySet()) {
            Case c = e.getValue();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < c.cap(); i++) {
                expected.add("CREDITED");
            }
            expected.add("CAPPED");
            expected.add("CREDITED");
            assertEquals(expected, statuses(e.getKey()), c.type());
            assertEquals(
                    (c.cap() + 1) * c.grams(),
                    count("select sum(grams) from energy_ball where user_id = ?", e.getKey()),
                    c.type());
            String reason = (String)
                    query("select reason from energy_action where user_id = ? and status = 'CAPPED'", e.getKey())
                            .get(0)
                            .get(0);
            assertEquals("cap of " + c.cap() + " a " + (c.monthly() ? "month" : "day") + " already reached", reason);
        }
    }

    @Test
    void paymentsBelowOneYuanAndRepeatedHouseholdBillsEarnNothingButAreRecorded() throws Exception {
        String u = user();
        String neighbour = user();
        Instant at = Instant.parse("2026-04-15T04:00:00Z");
        report(
                action(u, "OFFLINE_PAYMENT", 1, at, ref(), 99L, null),
                action(u, "OFFLINE_PAYMENT", 1, at.plusSeconds(1), ref(), 100L, null),
                action(u, "UTILITY_BILL", 1, at.plusSeconds(2), ref(), 8_800L, "household-shared-" + u),
                action(u, "UTILITY_BILL", 1, at.plusSeconds(4), ref(), 8_800L, null));
        // the same household's bill paid again this month, by someone else (another partition, so sent after): capped
        report(
                action(neighbour, "UTILITY_BILL", 1, at.plusSeconds(3), ref(), 9_100L, "household-shared-" + u),
                // next month (Shanghai) it earns again
                action(
                        neighbour,
                        "UTILITY_BILL",
                        1,
                        Instant.parse("2026-04-30T16:30:00Z"),
                        ref(),
                        9_100L,
                        "household-shared-" + u));
        List<List<Object>> mine =
                query("select status, grams, reason from energy_action where user_id = ? " + "order by occurred_at", u);
        assertEquals(List.of("REJECTED", 0L, "paid ¥0.99, below the minimum of ¥1.00"), mine.get(0));
        assertEquals(Arrays.asList("CREDITED", 5L, null), mine.get(1));
        assertEquals(Arrays.asList("CREDITED", 262L, null), mine.get(2));
        assertEquals("REJECTED", mine.get(3).get(0));
        assertTrue(((String) mine.get(3).get(2)).contains("household account"));
        List<List<Object>> theirs = query(
                "select status, reason from energy_action where user_id = ? " + "order by occurred_at", neighbour);
        assertEquals(
                List.of("CAPPED", "this household account already earned energy 1 time this month"), theirs.get(0));
        assertEquals("CREDITED", theirs.get(1).get(0));
        // each month's household counter names the bill it counted (the capped one did not change it)
        assertEquals(
                ServiceDb.strings(
                        "select cast(source_event_id as text) from energy_action "
                                + "where household_account = ? and status = 'CREDITED' order by occurred_at",
                        "household-shared-" + u),
                ServiceDb.strings(
                        "select cast(last_event_id as text) from household_usage "
                                + "where household_account = ? order by month",
                        "household-shared-" + u));
        // the user sees every action with its outcome
        given().header("Authorization", bearer(u))
                .get("/me/actions")
                .then()
                .statusCode(200)
                .body("status", contains("REJECTED", "CREDITED", "CREDITED", "REJECTED"))
                .body("reason[0]", Matchers.containsString("household account"))
                .body("reason[3]", equalTo("paid ¥0.99, below the minimum of ¥1.00"));
    }

    @Test
    void aDuplicateEventOrSourceRefCreditsOnce() throws Exception {
        String u = user();
        String json = action(u, "METRO_RIDE", 1, Instant.parse("2026-05-05T01:00:00Z"), "ride-" + u, null, null);
        String id = UUID.randomUUID().toString();
        KafkaTestClient.sendEvents(
                Topic.LOWCARBON_ACTIONS.topicName(),
                List.of(
                        new KafkaTestClient.Event(u, "lowcarbon.action-recorded", id, json),
                        new KafkaTestClient.Event(u, "lowcarbon.action-recorded", id, json)));
        // the same ride again under a new event id (a partner's retry)
        report(json);
        assertEquals(1, count("select count(*) from energy_action where user_id = ?", u));
        assertEquals(1, count("select count(*) from energy_ball where user_id = ?", u));
        assertEquals(1, count("select action_count from energy_usage where user_id = ? and period = 'DAY'", u));
    }

    @Test
    void ballsRipenAtSevenNextMorningExpireAfterThreeDaysAndCollectIntoTheBalance() throws Exception {
        String u = user();
        Instant at = Instant.parse("2026-06-01T02:00:00Z"); // 10:00 on 1 June in Shanghai
        report(
                action(u, "TRAIN_TICKET", 1, at, ref(), null, null),
                action(u, "CINEMA_TICKET", 1, at.plusSeconds(60), ref(), null, null),
                action(u, "BUS_RIDE", 1, at.plus(Duration.ofDays(2)), ref(), null, null));
        Instant ripe = Instant.parse("2026-06-01T23:00:00Z"); // 07:00 on 2 June in Shanghai

        clock.set(ripe.minusSeconds(60));
        given().header("Authorization", bearer(u))
                .get("/me/energy")
                .then()
                .statusCode(200)
                .body("ripe", empty())
                .body("pending", hasSize(3))
                .body("balanceGrams", equalTo(0));
        String train = (String) query(
                        "select cast(ball_id as text) from energy_action where user_id = ? "
                                + "and action_type = 'TRAIN_TICKET'",
                        u)
                .get(0)
                .get(0);
        given().header("Authorization", bearer(u))
                .post("/me/balls/{id}/collect", train)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("Ball " + train + " is not ripe until 2026-06-01T23:00:00Z"));

        clock.set(ripe);
        given().header("Authorization", bearer(u))
                .get("/me/energy")
                .then()
                .statusCode(200)
                .body("ripe.actionType", Matchers.containsInAnyOrder("TRAIN_TICKET", "CINEMA_TICKET"))
                .body("pending", hasSize(1));
        given().header("Authorization", bearer(u))
                .post("/me/balls/{id}/collect", train)
                .then()
                .statusCode(200)
                .body("grams", equalTo(136))
                .body("balls", equalTo(1))
                .body("balanceGrams", equalTo(136));
        given().header("Authorization", bearer(u))
                .post("/me/balls/{id}/collect", train)
                .then()
                .statusCode(409);
        // two people reading in turn, each with the token their app keeps sending (verified once, then kept): each
        // sees their own energy, never the other's
        String mine = bearer(u);
        String theirs = bearer(user());
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", theirs)
                    .get("/me/energy")
                    .then()
                    .statusCode(200)
                    .body("balanceGrams", equalTo(0))
                    .body("ripe", empty())
                    .body("pending", empty());
            given().header("Authorization", mine)
                    .get("/me/energy")
                    .then()
                    .statusCode(200)
                    .body("balanceGrams", equalTo(136))
                    .body("pending", hasSize(1));
        }
        // someone else's ball is not yours to collect
        given().header("Authorization", bearer(user()))
                .post("/me/balls/{id}/collect", train)
                .then()
                .statusCode(404);

        // the cinema ball expires 72 h after it appeared: gone, and cannot be collected
        clock.set(ripe.plus(Duration.ofHours(72)));
        String cinema = (String) query(
                        "select cast(ball_id as text) from energy_action where user_id = ? "
                                + "and action_type = 'CINEMA_TICKET'",
                        u)
                .get(0)
                .get(0);
        given().header("Authorization", bearer(u))
                .post("/me/balls/{id}/collect", cinema)
                .then()
                .statusCode(410);
        given().header("Authorization", bearer(u))
                .get("/me/energy")
                .then()
                .body("ripe.actionType", contains("BUS_RIDE"))
                .body("pending", empty());
        given().header("Authorization", bearer(u))
                .post("/me/balls/collect")
                .then()
                .statusCode(200)
                .body("grams", equalTo(80))
                .body("balls", equalTo(1))
                .body("balanceGrams", equalTo(216));
        given().header("Authorization", bearer(u))
                .post("/me/balls/collect")
                .then()
                .statusCode(200)
                .body("grams", equalTo(0))
                .body("balanceGrams", equalTo(216));
        assertEquals(216, count("select collected_grams from energy_account where user_id = ?", u));
    }

    @Test
    void creditedEnergyLeavesThroughTheOutbox() throws Exception {
        String u = user();
        String source = "metro-" + u;
        report(action(u, "METRO_RIDE", 1, Instant.parse("2026-07-01T01:00:00Z"), source, null, null));
        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(
                Topic.FOREST_EVENTS.topicName(),
                Duration.ofSeconds(20),
                read -> read.stream().anyMatch(r -> r.value().contains(source)));
        List<ConsumerRecord<String, String>> mine =
                records.stream().filter(r -> r.value().contains(source)).toList();
        assertEquals(1, mine.size());
        ConsumerRecord<String, String> r = mine.get(0);
        assertEquals(u, r.key());
        assertEquals("forest.energy-credited", KafkaTestClient.header(r, "ce_type"));
        EnergyCredited e = (EnergyCredited) EventCodec.get().decode(EventType.ENERGY_CREDITED, r.value());
        assertEquals(52, e.grams());
        assertEquals(Instant.parse("2026-07-01T23:00:00Z"), e.ripensAt());
        assertEquals(Instant.parse("2026-07-04T23:00:00Z"), e.expiresAt());
        assertEquals(e.ballId(), KafkaTestClient.header(r, "ce_subject"));
    }

    @Test
    void aNewRuleVersionJudgesActionsFromItsEffectiveTime() throws Exception {
        clock.set(Instant.parse("2089-12-01T00:00:00Z"));
        Map<String, Object> table = new HashMap<>(given().get("/energy-rules")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap(""));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> rule : given().get("/energy-rules").jsonPath().<Map<String, Object>>getList("rules")) {
            Map<String, Object> copy = new HashMap<>(rule);
            if ("METRO_RIDE".equals(copy.get("actionType"))) {
                copy.put("grams", 60);
                copy.put("capCount", 2);
            }
            if ("E_INVOICE".equals(copy.get("actionType"))) {
                // no limit at all: its cap's period and count are null (as the document says they may be)
                copy.put("capPeriod", null);
                copy.put("capCount", null);
            }
            rules.add(copy);
        }
        int version = given().header("Authorization", "Bearer " + GongyiTestInfrastructure.bearer("root", "admin"))
                .contentType("application/json")
                .body(Map.of("effectiveFrom", "2090-01-01T00:00:00Z", "rules", rules))
                .post("/energy-rules")
                .then()
                .statusCode(201)
                .body("effectiveFrom", equalTo("2090-01-01T00:00:00Z"))
                .extract()
                .path("version");
        assertTrue(version > (Integer) table.get("version"));
        given().queryParam("at", "2090-01-02T00:00:00Z")
                .get("/energy-rules")
                .then()
                .body("version", equalTo(version))
                .body("rules.find { it.actionType == 'METRO_RIDE' }.grams", equalTo(60))
                .body("rules.find { it.actionType == 'E_INVOICE' }", Matchers.hasEntry("capPeriod", null))
                .body("rules.find { it.actionType == 'E_INVOICE' }", Matchers.hasEntry("capCount", null));

        String u = user();
        report(
                action(u, "METRO_RIDE", 1, Instant.parse("2089-12-31T15:00:00Z"), ref(), null, null),
                action(u, "METRO_RIDE", 3, Instant.parse("2090-01-02T01:00:00Z"), ref(), null, null));
        List<List<Object>> rows = query(
                "select rule_version, grams, reason from energy_action where user_id = ? " + "order by occurred_at", u);
        assertEquals(52L, rows.get(0).get(1));
        assertEquals(version, ((Number) rows.get(1).get(0)).intValue());
        assertEquals(
                List.of(120L, "1 of 3 over the cap of 2 a day"), rows.get(1).subList(1, 3));

        // a version may not start in the past, and every action type needs its rule
        given().header("Authorization", "Bearer " + GongyiTestInfrastructure.bearer("root", "admin"))
                .contentType("application/json")
                .body(Map.of("effectiveFrom", "2089-11-01T00:00:00Z", "rules", rules))
                .post("/energy-rules")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + GongyiTestInfrastructure.bearer("root", "admin"))
                .contentType("application/json")
                .body(Map.of("rules", rules.subList(0, 9)))
                .post("/energy-rules")
                .then()
                .statusCode(400)
                .body("detail", Matchers.startsWith("no rule for"));
    }

    /** Runs last: everything this service consumed so far, delivered again in reverse order, changes nothing. */
    /** The rule table the migration publishes as version 1 is the one the domain's tests judge by. */
    @Test
    void theMigratedFirstVersionIsTheDomainsDefaultTable() {
        var first = energyRules
                .inForce(Instant.parse("2000-01-01T00:00:00Z"))
                .await()
                .atMost(Duration.ofSeconds(10));
        assertEquals(1, first.version());
        assertEquals(EnergyRuleTable.defaults().rules(), first.table().rules());
    }

    /** The history counts energy at the minute its actions happened, however late they arrive; capped ones not. */
    @Test
    void theHistoryCountsCreditedEnergyByTheMinuteItsActionsHappened() throws Exception {
        String u = user();
        Instant at = Instant.parse("2031-07-01T02:00:00Z");
        List<String> rides = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rides.add(action(u, "METRO_RIDE", 1, at.plusSeconds(40L * i), ref(), null, null));
        }
        report(rides);
        assertEquals(
                List.of("CREDITED", "CREDITED", "CREDITED", "CREDITED", "CREDITED", "CAPPED", "CAPPED"), statuses(u));
        // rides at 0, 40, 80 … 240 s past 02:00: two, one and two credited in the first three minutes, two capped
        given().queryParam("by", "MINUTE")
                .queryParam("from", "2031-07-01T02:00:00Z")
                .queryParam("to", "2031-07-01T02:05:00Z")
                .get("/totals/history")
                .then()
                .statusCode(200)
                .header("Cache-Control", "max-age=1")
                .body("by", equalTo("MINUTE"))
                .body(
                        "points.at",
                        contains(
                                "2031-07-01T02:00:00Z",
                                "2031-07-01T02:01:00Z",
                                "2031-07-01T02:02:00Z",
                                "2031-07-01T02:03:00Z",
                                "2031-07-01T02:04:00Z"))
                .body("points.energyCreditedGrams", contains(104, 52, 104, 0, 0))
                .body("points.creditedActions", contains(2, 1, 2, 0, 0))
                .body("points.trees", contains(0, 0, 0, 0, 0));
        given().queryParam("by", "DAY")
                .queryParam("from", "2031-07-01T00:00:00Z")
                .queryParam("to", "2031-07-02T00:00:00Z")
                .get("/totals/history")
                .then()
                .statusCode(200)
                .body("from", equalTo("2031-06-30T16:00:00Z"))
                .body("points.energyCreditedGrams", contains(260, 0));
        given().queryParam("by", "SECOND")
                .get("/totals/history")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void anAuditorsReplayRebuildsTheSameEnergyAndFindsARowAlteredByHand() throws Exception {
        String u = user();
        Instant day = Instant.parse("2026-03-12T02:00:00Z");
        List<String> rides = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rides.add(action(u, "METRO_RIDE", 1, day.plusSeconds(60L * i), ref(), null, null));
        }
        double creditedBefore = metric("gongyi_forest_actions_total", "status=\"credited\"");
        report(rides);
        assertEquals(
                List.of("CREDITED", "CREDITED", "CREDITED", "CREDITED", "CREDITED", "CAPPED", "CAPPED"), statuses(u));
        double credited0 = metric("gongyi_forest_actions_total", "status=\"credited\"");
        assertTrue(credited0 >= creditedBefore + 5, creditedBefore + " → " + credited0);
        // each action names the event it came from; each energy event names its action's event
        List<String> credited = ServiceDb.strings(
                "select cast(source_event_id as text) from "
                        + "energy_action where user_id = ? and status = 'CREDITED' order by 1",
                u);
        assertEquals(5, credited.stream().filter(Objects::nonNull).distinct().count(), credited.toString());
        assertEquals(0, count("select count(*) from energy_action where user_id = ? and source_event_id is null", u));
        // its ball names the same event; the cap counters the last credited ride's (the capped two did not count)
        assertEquals(
                5,
                count(
                        "select count(*) from energy_ball b join energy_action a on a.id = b.action_id "
                                + "where a.user_id = ? and b.source_event_id = a.source_event_id",
                        u));
        String lastCredited = ServiceDb.strings(
                        "select cast(source_event_id as text) from "
                                + "energy_action where user_id = ? and status = 'CREDITED' order by occurred_at desc limit 1",
                        u)
                .get(0);
        assertEquals(
                List.of(lastCredited, lastCredited),
                ServiceDb.strings(
                        "select cast(" + "last_event_id as text) from energy_usage where user_id = ? order by period",
                        u));
        List<String> causes = KafkaTestClient.readUntil(
                        Topic.FOREST_EVENTS.topicName(),
                        Duration.ofSeconds(20),
                        read -> read.stream().filter(r -> u.equals(r.key())).count() >= 5)
                .stream()
                .filter(r -> u.equals(r.key()))
                .map(r -> KafkaTestClient.header(r, "ce_causationid"))
                .sorted()
                .toList();
        assertEquals(credited, causes);
        AuditReplays.assertFindsOnlyARowAlteredByHand(
                "update energy_usage set grams = grams + 1 where user_id = '" + u + "' and period = 'DAY'",
                "update energy_usage set grams = grams - 1 where user_id = '" + u + "' and period = 'DAY'",
                Map.of(
                        "cap counters",
                        Map.of(
                                "user_id",
                                u,
                                "action_type",
                                "METRO_RIDE",
                                "period",
                                "DAY",
                                "period_start",
                                "2026-03-12")));
        // the replays applied every action again, into their shadow schemas: the live business metrics did not move
        assertEquals(credited0, metric("gongyi_forest_actions_total", "status=\"credited\""));
    }

    private static double metric(String name, String label) {
        return Metrics.sum(Management.metrics(), name, label);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyEventDeliveredAgainInReverseOrderChangesNothing() throws Exception {
        Redelivery.assertChangesNothing("forest-service", "lowcarbon.actions");
    }
}
