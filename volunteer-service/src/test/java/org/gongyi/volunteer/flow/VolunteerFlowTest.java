package org.gongyi.volunteer.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gongyi.events.Topic;
import org.gongyi.infra.test.AuditReplays;
import org.gongyi.infra.test.CertificatePdfs;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.Parallel;
import org.gongyi.infra.test.Redelivery;
import org.gongyi.infra.test.ServiceDb;
import org.gongyi.infra.test.TestClock;
import org.gongyi.volunteer.Fixtures;
import org.gongyi.volunteer.domain.WelfareTime;
import org.gongyi.volunteer.service.ActivityNotices;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.gongyi.infra.test.ServiceDb.count;
import static org.gongyi.infra.test.ServiceDb.strings;
import static org.gongyi.volunteer.Fixtures.activity;
import static org.gongyi.volunteer.Fixtures.charity;
import static org.gongyi.volunteer.Fixtures.user;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-ups, attendance and welfare time against the real database and broker. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(
        value = GongyiTestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "volunteer"))
class VolunteerFlowTest {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void fiveHundredSignUpsForAHundredPlacesConfirmExactlyAHundredAndWaitListTheRestInOrder() throws Exception {
        String org = "org-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String a = activity(org, 100, now, Duration.ofDays(7));
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            users.add("volunteer-" + i + "-" + UUID.randomUUID());
        }
        List<HttpResponse<String>> responses =
                Parallel.posts(500, i -> user(users.get(i)), "/activities/" + a + "/sign-ups", null);
        assertTrue(
                responses.stream().allMatch(r -> r.statusCode() == 201),
                responses.get(0).body());
        assertEquals(
                100,
                responses.stream()
                        .filter(r -> r.body().contains("\"CONFIRMED\""))
                        .count());
        assertEquals(
                400,
                responses.stream()
                        .filter(r -> r.body().contains("\"WAITLISTED\""))
                        .count());
        assertEquals(100, count("select confirmed from activity where id = cast(? as uuid)", a));
        assertEquals(
                100,
                count("select count(*) from sign_up where activity_id = cast(? as uuid) and status = 'CONFIRMED'", a));
        // the confirmed are exactly the first 100 to arrive
        assertEquals(
                0,
                count(
                        "select count(*) from sign_up c, sign_up w where c.activity_id = cast(? as uuid) "
                                + "and w.activity_id = c.activity_id and c.status = 'CONFIRMED' and w.status = 'WAITLISTED' and c.seq > w.seq",
                        a));

        // a confirmed volunteer cancels: the first on the wait-list takes the place
        String leaving = strings(
                        "select user_id from sign_up where activity_id = cast(? as uuid) and status = 'CONFIRMED' "
                                + "order by seq limit 1",
                        a)
                .get(0);
        String next = strings(
                        "select user_id from sign_up where activity_id = cast(? as uuid) and status = 'WAITLISTED' "
                                + "order by seq limit 1",
                        a)
                .get(0);
        given().header("Authorization", user(leaving))
                .delete("/activities/{id}/sign-ups/me", a)
                .then()
                .statusCode(204);
        given().header("Authorization", user(next)).get("/me/sign-ups").then().body("[0].status", equalTo("CONFIRMED"));
        assertEquals(100, count("select confirmed from activity where id = cast(? as uuid)", a));
        // a wait-listed volunteer cancels: nobody moves
        String waiting = strings(
                        "select user_id from sign_up where activity_id = cast(? as uuid) and status = 'WAITLISTED' "
                                + "order by seq desc limit 1",
                        a)
                .get(0);
        given().header("Authorization", user(waiting))
                .delete("/activities/{id}/sign-ups/me", a)
                .then()
                .statusCode(204);
        assertEquals(
                100,
                count("select count(*) from sign_up where activity_id = cast(? as uuid) and status = 'CONFIRMED'", a));
        assertEquals(
                398,
                count("select count(*) from sign_up where activity_id = cast(? as uuid) and status = 'WAITLISTED'", a));
        // after the deadline (start − 1 h) nobody can sign up or cancel
        clock.set(now.plus(Duration.ofDays(7)).minus(Duration.ofMinutes(30)));
        given().header("Authorization", user(next))
                .delete("/activities/{id}/sign-ups/me", a)
                .then()
                .statusCode(409);
        given().header("Authorization", user("late-" + UUID.randomUUID()))
                .post("/activities/{id}/sign-ups", a)
                .then()
                .statusCode(409);
    }

    @Test
    void serviceTimeIsRoundedDownToSixMinutesVerifiedAndCredited() throws Exception {
        String org = "org-" + UUID.randomUUID();
        String coordinator = charity("coordinator-" + org, org);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String a = activity(org, 10, now, Duration.ofHours(2));
        String[] volunteers = {"v559-" + UUID.randomUUID(), "v600-" + UUID.randomUUID(), "v95m-" + UUID.randomUUID()};
        long[] served = {359, 360, 95 * 60};
        for (String v : volunteers) {
            given().header("Authorization", user(v))
                    .post("/activities/{id}/sign-ups", a)
                    .then()
                    .statusCode(201);
        }
        Instant start = now.plus(Duration.ofHours(2));
        List<String> records = new ArrayList<>();
        for (int i = 0; i < volunteers.length; i++) {
            clock.set(start);
            given().header("Authorization", coordinator)
                    .post("/activities/{id}/attendance/{u}/check-in", a, volunteers[i])
                    .then()
                    .statusCode(200);
            clock.set(start.plusSeconds(served[i]));
            records.add(given().header("Authorization", coordinator)
                    .post("/activities/{id}/attendance/{u}/check-out", a, volunteers[i])
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("RECORDED"))
                    .extract()
                    .path("id"));
        }
        assertEquals(
                List.of("0", "1", "15"),
                strings(
                        "select tenths from service_record where activity_id = cast(? as uuid) " + "order by tenths",
                        a));
        // someone without a place cannot be checked in; another organisation cannot touch the activity
        given().header("Authorization", coordinator)
                .post("/activities/{id}/attendance/{u}/check-in", a, "stranger")
                .then()
                .statusCode(409);
        given().header("Authorization", charity("x", "other-org"))
                .post("/service-records/{id}/verify", records.get(2))
                .then()
                .statusCode(404);

        given().header("Authorization", coordinator)
                .post("/service-records/{id}/verify", records.get(2))
                .then()
                .statusCode(200)
                .body("status", equalTo("VERIFIED"));
        given().header("Authorization", coordinator)
                .queryParam("tenths", 3)
                .post("/service-records/{id}/verify", records.get(1))
                .then()
                .statusCode(200)
                .body("tenths", equalTo(3));
        given().header("Authorization", coordinator)
                .post("/service-records/{id}/verify", records.get(1))
                .then()
                .statusCode(409);
        given().header("Authorization", user(volunteers[2]))
                .get("/me/welfare-time")
                .then()
                .statusCode(200)
                .body("tenths", equalTo(15))
                .body("hours", equalTo("1.5"))
                .body("bySource.OFFLINE_SERVICE", equalTo(15))
                .body("pledgeReached", equalTo(false));
        given().header("Authorization", user(volunteers[1]))
                .get("/me/welfare-time")
                .then()
                .body("tenths", equalTo(3));
        // a verification is a command: the year's total names the credit event it published
        assertEquals(
                1,
                count(
                        "select count(*) from welfare_year y join outbox_event o on o.event_id = y.last_event_id "
                                + "and o.ce_type = 'volunteer.welfare-time-credited' and o.partition_key = y.user_id "
                                + "where y.user_id = ? and y.source = 'OFFLINE_SERVICE'",
                        volunteers[2]));
    }

    private static String donation(String buyer, String donationId, Instant completedAt) {
        return """
                {"donationId":"%s","orderId":"o-%s","itemId":"i-1","buyerId":"%s","sellerId":"s-1","projectId":"p-1",
                 "province":"Zhejiang","paidFen":19900,"amountFen":60,"rule":{"type":"PERCENTAGE","basisPoints":30,"fixedFen":null},
                 "completedAt":"%s","recordedAt":"%s"}""".formatted(donationId, donationId, buyer, completedAt, completedAt);
    }

    private static void send(String topic, String key, String type, List<String> jsons, List<String> ids) {
        List<KafkaTestClient.Event> events = new ArrayList<>();
        for (int i = 0; i < jsons.size(); i++) {
            events.add(new KafkaTestClient.Event(key, type, ids.get(i), jsons.get(i)));
        }
        KafkaTestClient.sendEvents(topic, events);
        ServiceDb.awaitProcessed(ids);
    }

    @Test
    void donationsEarnAtMostHalfAnHourAYearTreesAnHourEachSourceOnce() throws Exception {
        String buyer = "buyer-" + UUID.randomUUID();
        List<String> jsons = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            jsons.add(donation(buyer, "d-" + i + "-" + buyer, Instant.parse("2026-03-0" + (i + 1) + "T02:00:00Z")));
            ids.add(UUID.randomUUID().toString());
        }
        // the same event twice, and the same donation again under a new event id
        jsons.add(jsons.get(0));
        ids.add(ids.get(0));
        jsons.add(jsons.get(1));
        ids.add(UUID.randomUUID().toString());
        // 00:30 on 1 January 2027 in Shanghai: next year
        jsons.add(donation(buyer, "d-ny-" + buyer, Instant.parse("2026-12-31T16:30:00Z")));
        ids.add(UUID.randomUUID().toString());
        send(Topic.DONATION_EVENTS.topicName(), buyer, "donation.recorded", jsons, ids);
        String tree = """
                {"userId":"%s","certificateNo":"GF-T-2026-%s","speciesCode":"SAXAUL","projectId":"alxa","region":"Alxa",
                 "energyGrams":17900,"plantedAt":"2026-05-02T09:00:00Z"}""".formatted(buyer, UUID.randomUUID());
        String treeEvent = UUID.randomUUID().toString();
        send(
                Topic.FOREST_EVENTS.topicName(),
                buyer,
                "forest.tree-planted",
                List.of(tree, tree),
                List.of(treeEvent, UUID.randomUUID().toString()));

        given().header("Authorization", user(buyer))
                .queryParam("year", 2026)
                .get("/me/welfare-time")
                .then()
                .statusCode(200)
                .body("bySource.DONATION", equalTo(5))
                .body("bySource.TREE", equalTo(10))
                .body("tenths", equalTo(15));
        given().header("Authorization", user(buyer))
                .queryParam("year", 2027)
                .get("/me/welfare-time")
                .then()
                .body("bySource.DONATION", equalTo(1));
        assertEquals(7, count("select count(*) from welfare_credit where user_id = ?", buyer));

        // each credit left through the outbox as volunteer.welfare-time-credited, keyed by the person
        List<ConsumerRecord<String, String>> read = KafkaTestClient.readUntil(
                Topic.VOLUNTEER_WELFARE_TIME.topicName(),
                Duration.ofSeconds(20),
                rs -> rs.stream().filter(r -> buyer.equals(r.key())).count() >= 7);
        assertEquals(7, read.stream().filter(r -> buyer.equals(r.key())).count());
    }

    /** A donation that came in a trace: the welfare-time credit it earns leaves in the same trace. */
    @Test
    void aDonationsTraceReachesTheWelfareTimeItEarns() throws Exception {
        String buyer = "buyer-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        String trace = UUID.randomUUID().toString().replace("-", "");
        Map<String, String> headers = KafkaTestClient.headers("donation.recorded", id);
        headers.put("traceparent", "00-" + trace + "-5fb397be34d26b51-00");
        KafkaTestClient.send(
                Topic.DONATION_EVENTS.topicName(),
                buyer,
                headers,
                donation(buyer, "d-traced-" + buyer, Instant.parse("2026-06-01T02:00:00Z")));
        ServiceDb.awaitProcessed(List.of(id));
        ConsumerRecord<String, String> credited = KafkaTestClient.readUntil(
                        Topic.VOLUNTEER_WELFARE_TIME.topicName(),
                        Duration.ofSeconds(20),
                        rs -> rs.stream().anyMatch(r -> buyer.equals(r.key())))
                .stream()
                .filter(r -> buyer.equals(r.key()))
                .findFirst()
                .orElseThrow();
        String traceparent = KafkaTestClient.header(credited, "traceparent");
        assertTrue(traceparent != null && traceparent.matches("00-" + trace + "-[0-9a-f]{16}-0[01]"), traceparent);
        assertEquals(id, KafkaTestClient.header(credited, "ce_causationid"));
    }

    @Inject
    ActivityNotices notices;

    private static List<String> notices(String activity, String kind) throws Exception {
        return strings(
                        "select payload from outbox_event where ce_type = 'volunteer.activity-notice' "
                                + "and partition_key = ? order by id",
                        activity)
                .stream()
                .filter(p -> p.contains("\"" + kind + "\""))
                .toList();
    }

    @Test
    void cancellationNotifiesEveryoneSignedUpAndRemindersGoOnceToTheConfirmed() throws Throwable {
        String org = "org-" + UUID.randomUUID();
        String coordinator = charity("coordinator-" + org, org);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String cancelled = activity(org, 2, now, Duration.ofDays(4));
        String reminded = activity(org, 2, now, Duration.ofDays(2));
        List<String> people = List.of("p1-" + UUID.randomUUID(), "p2-" + UUID.randomUUID(), "p3-" + UUID.randomUUID());
        for (String p : people) {
            given().header("Authorization", user(p))
                    .post("/activities/{id}/sign-ups", cancelled)
                    .then()
                    .statusCode(201);
            given().header("Authorization", user(p))
                    .post("/activities/{id}/sign-ups", reminded)
                    .then()
                    .statusCode(201);
        }
        given().header("Authorization", coordinator)
                .post("/activities/{id}/cancel", cancelled)
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));
        List<String> cancel = notices(cancelled, "CANCELLED");
        assertEquals(1, cancel.size());
        people.forEach(p -> assertTrue(cancel.get(0).contains(p), cancel.get(0)));
        given().header("Authorization", user("late-" + UUID.randomUUID()))
                .post("/activities/{id}/sign-ups", cancelled)
                .then()
                .statusCode(409);

        // 23 h before the start: a reminder to the two confirmed, once
        clock.set(now.plus(Duration.ofDays(2)).minus(Duration.ofHours(23)));
        VertxContextSupport.subscribeAndAwait(notices::remindDue);
        VertxContextSupport.subscribeAndAwait(notices::remindDue);
        List<String> reminders = notices(reminded, "REMINDER");
        assertEquals(1, reminders.size());
        assertTrue(reminders.get(0).contains(people.get(0)) && reminders.get(0).contains(people.get(1)));
        assertTrue(!reminders.get(0).contains(people.get(2)), "the wait-listed are not reminded");
        assertEquals(0, notices(cancelled, "REMINDER").size(), "a cancelled activity is not reminded");
    }

    @Test
    void reachingThreeHoursIssuesTheYearsCertificateOnce() throws Exception {
        String person = "pledger-" + UUID.randomUUID();
        given().header("Authorization", user(person))
                .get("/me/certificates/{y}", 2026)
                .then()
                .statusCode(404);
        List<String> trees = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            trees.add("""
                    {"userId":"%s","certificateNo":"GF-T-2026-%s","speciesCode":"SAXAUL","projectId":"alxa",
                     "region":"Alxa","energyGrams":17900,"plantedAt":"2026-0%d-02T09:00:00Z"}""".formatted(person, UUID.randomUUID(), i + 1));
            ids.add(UUID.randomUUID().toString());
        }
        send(Topic.FOREST_EVENTS.topicName(), person, "forest.tree-planted", trees, ids);
        String certificate = given().header("Authorization", user(person))
                .get("/me/certificates/{y}", 2026)
                .then()
                .statusCode(200)
                .body("tenths", equalTo(40))
                .body("hours", equalTo("4.0"))
                .body("certificateNo", Matchers.matchesPattern("GY-3H-2026-\\d{8}"))
                .extract()
                .path("certificateNo");
        assertEquals(1, count("select count(*) from pledge_certificate where user_id = ?", person));
        assertTrue(certificate.startsWith("GY-3H-2026-"));
        // anyone holding the number can check it, and download it to keep: the year, never whose
        String checked = given().get("/certificates/three-hours/{n}", certificate)
                .then()
                .statusCode(200)
                .body("certificateNo", equalTo(certificate))
                .body("year", equalTo(2026))
                .body("tenths", equalTo(40))
                .body("hours", equalTo("4.0"))
                .body("organisations", Matchers.hasSize(0))
                .body("standing", equalTo("VALID"))
                .body("withdrawnAt", Matchers.nullValue())
                .extract()
                .asString();
        assertTrue(!checked.contains(person), checked);
        byte[] pdf = given().get("/certificates/three-hours/{n}/pdf", certificate)
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + certificate + ".pdf\"")
                .extract()
                .asByteArray();
        CertificatePdfs.Opened opened = CertificatePdfs.open(pdf);
        assertEquals(1, opened.pages());
        assertEquals("http://localhost:8080/certificates/" + certificate, opened.qrCode());
        String issued = LocalDateTime.ofInstant(
                        Instant.parse(JsonPath.from(checked).getString("issuedAt")), ZoneId.of("Asia/Shanghai"))
                .truncatedTo(ChronoUnit.MINUTES)
                .toString()
                .replace('T', ' ');
        assertEquals(
                List.of(
                        "人人3小时 · 3 Hours",
                        "公益时证书 · Welfare Time Certificate",
                        "年度 · Year 2026",
                        "公益时 · Welfare time 4.0 小时 · 4.0 hours",
                        "达成 · Reached 每年3小时公益承诺 · the yearly 3-hour pledge",
                        "服务机构 · Organisations –",
                        "颁发时间 · Issued " + issued + " 北京时间 · China time",
                        "证书编号 · Certificate No. " + certificate,
                        "扫码或打开此链接核验证书 · Scan, or open this address, to verify:",
                        "http://localhost:8080/certificates/" + certificate),
                opened.lines());
        for (String path : List.of("/certificates/three-hours/{n}", "/certificates/three-hours/{n}/pdf")) {
            given().get(path, "GY-3H-1999-00000000").then().statusCode(404).contentType("application/problem+json");
        }
        given().header("Authorization", user(person))
                .get("/me/welfare-time?year=2026")
                .then()
                .body("pledgeReached", equalTo(true));
    }

    @Test
    void aCertificateIsWithdrawnWhenRevokedCreditsTakeTheYearBelowThreeHoursAndReturnsWithTheSameNumber() {
        String person = "withdrawn-" + UUID.randomUUID();
        List<String> trees = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // two alone (1 hour each), one with a friend (half an hour)
            trees.add("""
                    {"userId":"%s","certificateNo":"GF-T-2026-%s","speciesCode":"SAXAUL","projectId":"alxa",
                     "region":"Alxa","energyGrams":17900,"plantedAt":"2026-0%d-02T09:00:00Z"%s}""".formatted(
                    person, UUID.randomUUID(), i + 1, i == 2 ? ",\"sharedWith\":\"friend-" + person + "\"" : ""));
        }
        send(
                Topic.FOREST_EVENTS.topicName(),
                person,
                "forest.tree-planted",
                trees,
                List.of(
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString()));
        List<String> donations = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // half an hour, the year's most from donations
            donations.add(
                    donation(person, "c" + i + "-" + person, Instant.parse("2026-06-0" + (i + 1) + "T02:00:00Z")));
        }
        sendTyped(person, donations, Collections.nCopies(5, "donation.recorded"));
        String number = given().header("Authorization", user(person))
                .get("/me/certificates/{y}", 2026)
                .then()
                .statusCode(200)
                .body("tenths", equalTo(30))
                .extract()
                .path("certificateNo");

        sendTyped(person, List.of(reversal(person, "c0-" + person, 60)), List.of("donation.reversed"));
        given().header("Authorization", user(person))
                .get("/me/certificates/{y}", 2026)
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("detail", Matchers.startsWith("Certificate " + number + " was withdrawn at "));
        // checked by its number, it says so; it cannot be downloaded while withdrawn
        given().get("/certificates/three-hours/{n}", number)
                .then()
                .statusCode(200)
                .body("standing", equalTo("WITHDRAWN"))
                .body("tenths", Matchers.lessThan(30))
                .body("withdrawnAt", Matchers.notNullValue());
        given().get("/certificates/three-hours/{n}/pdf", number)
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("detail", Matchers.startsWith("Certificate " + number + " was withdrawn at "));

        sendTyped(
                person,
                List.of(donation(person, "c5-" + person, Instant.parse("2026-07-01T02:00:00Z"))),
                List.of("donation.recorded"));
        given().header("Authorization", user(person))
                .get("/me/certificates/{y}", 2026)
                .then()
                .statusCode(200)
                .body("certificateNo", equalTo(number))
                .body("tenths", equalTo(30));
        given().get("/certificates/three-hours/{n}", number)
                .then()
                .statusCode(200)
                .body("standing", equalTo("VALID"))
                .body("withdrawnAt", Matchers.nullValue());
        given().get("/certificates/three-hours/{n}/pdf", number).then().statusCode(200);
    }

    @Test
    void aDonationForgedOnTheForestTopicIsDeadLetteredNotCredited() throws Exception {
        // whoever may write forest.events (forest-service's credentials) cannot mint donation credits
        String buyer = "forger-" + UUID.randomUUID();
        KafkaTestClient.sendEvent(
                Topic.FOREST_EVENTS.topicName(),
                buyer,
                "donation.recorded",
                donation(buyer, "forged-" + buyer, Instant.parse("2026-05-01T02:00:00Z")));
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readUntil(
                        Topic.VOLUNTEER_DLQ.topicName(),
                        Duration.ofSeconds(30),
                        rs -> rs.stream().anyMatch(r -> buyer.equals(r.key())))
                .stream()
                .filter(r -> buyer.equals(r.key()))
                .toList();
        assertEquals(1, dead.size());
        assertEquals(
                "donation.recorded belongs on topic donation.donations, not on forest.events",
                KafkaTestClient.header(dead.get(0), "dead-letter-reason"));
        assertEquals(0, count("select count(*) from donation_credit where user_id = ?", buyer));
        assertEquals(0, count("select count(*) from welfare_credit where user_id = ?", buyer));
    }

    @Test
    void organisationsAreRankedByVerifiedServiceTimeInTheQuarter() throws Exception {
        Instant now = Instant.parse("2031-04-10T01:00:00Z");
        clock.set(now);
        String busy = "busy-" + UUID.randomUUID();
        String quiet = "quiet-" + UUID.randomUUID();
        serve(busy, now, 3, Duration.ofMinutes(60));
        serve(quiet, now, 1, Duration.ofMinutes(30));
        given().queryParam("quarter", "2031-Q2")
                .get("/rankings/organisations")
                .then()
                .statusCode(200)
                .body("organisationId", Matchers.contains(busy, quiet))
                .body("[0].tenths", equalTo(30))
                .body("[0].volunteers", equalTo(3))
                .body("[0].hours", equalTo("3.0"))
                .body("[1].rank", equalTo(2));
        given().queryParam("quarter", "2031-Q3")
                .get("/rankings/organisations")
                .then()
                .body("", Matchers.empty());
        given().queryParam("quarter", "2031-Q5")
                .get("/rankings/organisations")
                .then()
                .statusCode(400);
    }

    @Test
    void totalsCountCreditsInForceAndVolunteersWhoServedNotBuyers() throws Exception {
        Map<String, Object> before = totals();
        String buyer = "totals-buyer-" + UUID.randomUUID();
        sendTyped(
                buyer,
                List.of(donation(buyer, "t-" + buyer, Instant.parse("2026-05-01T02:00:00Z"))),
                List.of("donation.recorded"));
        Map<String, Object> credited = totals();
        assertEquals(delta(before, 0, 1, 0, 0, 1, 1), credited, "a buyer earns welfare time but is no volunteer");

        sendTyped(buyer, List.of(reversal(buyer, "t-" + buyer, 60)), List.of("donation.reversed"));
        assertEquals(before, totals(), "the wholly refunded donation's credit is revoked and counts nowhere");

        Instant now = Instant.parse("2031-06-01T01:00:00Z");
        clock.set(now);
        String org = "totals-org-" + UUID.randomUUID();
        String activity = activity(org, 5, now, Duration.ofDays(2));
        given().header("Authorization", user("totals-v-" + UUID.randomUUID()))
                .post("/activities/{id}/sign-ups", activity)
                .then()
                .statusCode(201);
        assertEquals(delta(before, 1, 0, 1, 1, 0, 0), totals());
    }

    private static Map<String, Object> totals() {
        return given().get("/totals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
    }

    /** {@code base} plus the given changes of volunteers, participants, organisations, activities, actions, tenths. */
    private static Map<String, Object> delta(
            Map<String, Object> base,
            int volunteers,
            int participants,
            int organisations,
            int activities,
            int actions,
            int tenths) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        out.put("volunteers", (Integer) base.get("volunteers") + volunteers);
        out.put("participants", (Integer) base.get("participants") + participants);
        out.put("organisations", (Integer) base.get("organisations") + organisations);
        out.put("activities", (Integer) base.get("activities") + activities);
        out.put("actions", (Integer) base.get("actions") + actions);
        int t = (Integer) base.get("tenths") + tenths;
        out.put("tenths", t);
        out.put("hours", WelfareTime.hours(t));
        return out;
    }

    /** {@code people} volunteers serve {@code each} at a new activity of the organisation, verified now. */
    private void serve(String org, Instant now, int people, Duration each) {
        String coordinator = charity("coordinator-" + org, org);
        String a = activity(org, people, now, Duration.ofHours(1));
        Instant start = now.plus(Duration.ofHours(1));
        for (int i = 0; i < people; i++) {
            String v = "v-" + UUID.randomUUID();
            given().header("Authorization", user(v))
                    .post("/activities/{id}/sign-ups", a)
                    .then()
                    .statusCode(201);
            clock.set(start);
            given().header("Authorization", coordinator)
                    .post("/activities/{id}/attendance/{u}/check-in", a, v)
                    .then()
                    .statusCode(200);
            clock.set(start.plus(each));
            String record = given().header("Authorization", coordinator)
                    .post("/activities/{id}/attendance/{u}/check-out", a, v)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("id");
            given().header("Authorization", coordinator)
                    .post("/service-records/{id}/verify", record)
                    .then()
                    .statusCode(200);
            clock.set(now);
        }
    }

    @Test
    void bloodDonationsAreDeclaredAndVerifiedByTheOrganisation() {
        String bankOrg = "blood-bank-" + UUID.randomUUID();
        Fixtures.verified(bankOrg);
        String bank = charity("nurse-" + bankOrg, bankOrg);
        String donor = "donor-" + UUID.randomUUID();
        String declared = given().header("Authorization", user(donor))
                .contentType(ContentType.JSON)
                .body(Map.of("organisationId", bankOrg, "donatedAt", "2026-06-14T02:00:00Z", "volumeMl", 400))
                .post("/me/blood-donations")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .extract()
                .path("id");
        String other = given().header("Authorization", user(donor))
                .contentType(ContentType.JSON)
                .body(Map.of("organisationId", bankOrg, "donatedAt", "2026-07-14T02:00:00Z", "volumeMl", 200))
                .post("/me/blood-donations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", user(donor))
                .contentType(ContentType.JSON)
                .body(Map.of("organisationId", bankOrg, "donatedAt", "2026-06-14T02:00:00Z", "volumeMl", 100))
                .post("/me/blood-donations")
                .then()
                .statusCode(400);
        given().header("Authorization", charity("x", "another-org"))
                .post("/blood-donations/{id}/verify", declared)
                .then()
                .statusCode(404);
        given().header("Authorization", bank)
                .get("/blood-donations")
                .then()
                .statusCode(200)
                .body("id", Matchers.hasItems(declared, other));
        given().header("Authorization", bank)
                .post("/blood-donations/{id}/verify", declared)
                .then()
                .statusCode(200)
                .body("status", equalTo("VERIFIED"));
        given().header("Authorization", bank)
                .post("/blood-donations/{id}/verify", declared)
                .then()
                .statusCode(409);
        given().header("Authorization", bank)
                .post("/blood-donations/{id}/reject", other)
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"));
        given().header("Authorization", user(donor))
                .queryParam("year", 2026)
                .get("/me/welfare-time")
                .then()
                .body("bySource.BLOOD", equalTo(80))
                .body("tenths", equalTo(80));
    }

    @Test
    void aVolunteerDisputesTheRecordedTimeAndTheOrganisationCorrectsIt() {
        String org = "org-" + UUID.randomUUID();
        String coordinator = charity("coordinator-" + org, org);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String a = activity(org, 5, now, Duration.ofHours(2));
        String v = "disputer-" + UUID.randomUUID();
        given().header("Authorization", user(v))
                .post("/activities/{id}/sign-ups", a)
                .then()
                .statusCode(201);
        clock.set(now.plus(Duration.ofHours(2)));
        given().header("Authorization", coordinator)
                .post("/activities/{id}/attendance/{u}/check-in", a, v)
                .then()
                .statusCode(200);
        clock.set(now.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(20)));
        String record = given().header("Authorization", coordinator)
                .post("/activities/{id}/attendance/{u}/check-out", a, v)
                .then()
                .body("tenths", equalTo(3))
                .extract()
                .path("id");
        given().header("Authorization", user("someone-else"))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "not mine"))
                .post("/service-records/{id}/dispute", record)
                .then()
                .statusCode(404);
        given().header("Authorization", user(v))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "I stayed two hours; the check-out was early"))
                .post("/service-records/{id}/dispute", record)
                .then()
                .statusCode(200)
                .body("status", equalTo("DISPUTED"))
                .body("disputeReason", equalTo("I stayed two hours; the check-out was early"));
        given().header("Authorization", coordinator)
                .queryParam("tenths", 20)
                .post("/service-records/{id}/verify", record)
                .then()
                .statusCode(200)
                .body("status", equalTo("VERIFIED"))
                .body("tenths", equalTo(20));
        given().header("Authorization", user(v))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "again"))
                .post("/service-records/{id}/dispute", record)
                .then()
                .statusCode(409);
        given().header("Authorization", user(v))
                .get("/me/welfare-time")
                .then()
                .body("bySource.OFFLINE_SERVICE", equalTo(20));
    }

    @Test
    void volunteersCheckThemselvesInAndOutWithTheCodeShownOnSite() {
        String organisation = "org-" + UUID.randomUUID();
        String coordinator = charity("coordinator-" + organisation, organisation);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String a = activity(organisation, 5, now, Duration.ofHours(2));
        String v = "self-" + UUID.randomUUID();
        given().header("Authorization", user(v))
                .post("/activities/{id}/sign-ups", a)
                .then()
                .statusCode(201);
        String code = given().header("Authorization", coordinator)
                .get("/activities/{id}/check-in-code", a)
                .then()
                .statusCode(200)
                .extract()
                .path("code");
        assertTrue(code.matches("\\d{6}"), code);
        given().get("/activities/{id}", a).then().body("$", Matchers.not(Matchers.hasKey("checkInCode")));
        String wrong = code.equals("000000") ? "111111" : "000000";
        clock.set(now.plus(Duration.ofHours(2)));
        given().header("Authorization", user(v))
                .contentType(ContentType.JSON)
                .body(Map.of("code", wrong))
                .post("/activities/{id}/self-check-in", a)
                .then()
                .statusCode(403);
        given().header("Authorization", user(v))
                .contentType(ContentType.JSON)
                .body(Map.of("code", code))
                .post("/activities/{id}/self-check-in", a)
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"));
        clock.set(now.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(42)));
        given().header("Authorization", user(v))
                .contentType(ContentType.JSON)
                .body(Map.of("code", code))
                .post("/activities/{id}/self-check-out", a)
                .then()
                .statusCode(200)
                .body("tenths", equalTo(7));
        // guessing codes is limited: 5 tries per activity per 10 minutes (this window: the check-out and 4 more)
        for (int i = 0; i < 4; i++) {
            given().header("Authorization", user(v))
                    .contentType(ContentType.JSON)
                    .body(Map.of("code", wrong))
                    .post("/activities/{id}/self-check-in", a)
                    .then()
                    .statusCode(Matchers.oneOf(403, 409));
        }
        given().header("Authorization", user(v))
                .contentType(ContentType.JSON)
                .body(Map.of("code", wrong))
                .post("/activities/{id}/self-check-in", a)
                .then()
                .statusCode(429);
    }

    @Test
    void aCoPlantedTreeEarnsEachPlanterHalf() throws Exception {
        String a = "coplanter-a-" + UUID.randomUUID();
        String cert = "GF-T-2026-" + UUID.randomUUID();
        String json = """
                {"userId":"%s","certificateNo":"%s","speciesCode":"TAMARISK","projectId":"alxa","region":"Alxa",
                 "energyGrams":11200,"plantedAt":"2026-05-02T09:00:00Z","sharedWith":"coplanter-b"}""".formatted(a, cert);
        send(
                Topic.FOREST_EVENTS.topicName(),
                a,
                "forest.tree-planted",
                List.of(json),
                List.of(UUID.randomUUID().toString()));
        given().header("Authorization", user(a))
                .queryParam("year", 2026)
                .get("/me/welfare-time")
                .then()
                .body("bySource.TREE", equalTo(5));
    }

    /** A reversal entry as donation-service sends it: each one its own id. */
    private static String reversal(String buyer, String donationId, long fen) {
        return """
                {"donationId":"%s","reversalId":"%s","orderId":"o-%s","itemId":"i-1","buyerId":"%s","projectId":"p-1",
                 "amountFen":%d,"reason":"refund","reversedAt":"2026-03-20T02:00:00Z"}""".formatted(donationId, UUID.randomUUID(), donationId, buyer, fen);
    }

    @Test
    void aWhollyRefundedDonationLosesItsCreditAndFreesItsPlaceUnderTheCap() throws Exception {
        String buyer = "refunder-" + UUID.randomUUID();
        List<String> jsons = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jsons.add(donation(buyer, "d" + i + "-" + buyer, Instant.parse("2026-03-0" + (i + 1) + "T02:00:00Z")));
        }
        // a refund that arrives before its donation
        jsons.add(reversal(buyer, "early-" + buyer, 60));
        jsons.add(donation(buyer, "early-" + buyer, Instant.parse("2026-03-09T02:00:00Z")));
        // d0 refunded in two parts: still credited after the first, revoked after the second
        jsons.add(reversal(buyer, "d0-" + buyer, 30));
        List<String> types = new ArrayList<>(List.of(
                "donation.recorded",
                "donation.recorded",
                "donation.recorded",
                "donation.recorded",
                "donation.recorded",
                "donation.recorded",
                "donation.reversed",
                "donation.recorded",
                "donation.reversed"));
        sendTyped(buyer, jsons, types);
        given().header("Authorization", user(buyer))
                .queryParam("year", 2026)
                .get("/me/welfare-time")
                .then()
                .body("bySource.DONATION", equalTo(5));
        sendTyped(buyer, List.of(reversal(buyer, "d0-" + buyer, 30)), List.of("donation.reversed"));
        given().header("Authorization", user(buyer))
                .queryParam("year", 2026)
                .get("/me/welfare-time")
                .then()
                .body("bySource.DONATION", equalTo(4));
        assertEquals(
                1,
                count(
                        "select count(*) from outbox_event where ce_type = 'volunteer.welfare-time-credited' "
                                + "and partition_key = ? and payload like '%\"tenths\":-1%'",
                        buyer));
        assertEquals(0, count("select count(*) from welfare_credit where source_ref = ?", "early-" + buyer));
        // the freed place under the yearly cap goes to the next donation
        sendTyped(
                buyer,
                List.of(donation(buyer, "d7-" + buyer, Instant.parse("2026-04-01T02:00:00Z"))),
                List.of("donation.recorded"));
        given().header("Authorization", user(buyer))
                .queryParam("year", 2026)
                .get("/me/welfare-time")
                .then()
                .body("bySource.DONATION", equalTo(5));
    }

    private static void sendTyped(String key, List<String> jsons, List<String> types) {
        List<KafkaTestClient.Event> events = new ArrayList<>();
        for (int i = 0; i < jsons.size(); i++) {
            events.add(new KafkaTestClient.Event(
                    key, types.get(i), UUID.randomUUID().toString(), jsons.get(i)));
        }
        KafkaTestClient.sendEvents(Topic.DONATION_EVENTS.topicName(), events);
        ServiceDb.awaitProcessed(
                events.stream().map(KafkaTestClient.Event::ceId).toList());
    }

    @Test
    void signUpsAreRateLimitedPerPerson() {
        String organisation = "org-" + UUID.randomUUID();
        Instant now = Instant.now();
        String eager = user("eager-" + UUID.randomUUID());
        for (int i = 0; i < 10; i++) {
            given().header("Authorization", eager)
                    .post("/activities/{id}/sign-ups", activity(organisation, 5, now, Duration.ofDays(3)))
                    .then()
                    .statusCode(201);
        }
        given().header("Authorization", eager)
                .post("/activities/{id}/sign-ups", activity(organisation, 5, now, Duration.ofDays(3)))
                .then()
                .statusCode(429)
                .header("Retry-After", Matchers.notNullValue())
                .contentType("application/problem+json");
    }

    /** Runs last: everything this service consumed so far, delivered again in reverse order, changes nothing. */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void anAuditorsReplayRebuildsTheSameWelfareTimeAndFindsARowAlteredByHand() throws Exception {
        String buyer = "audited-buyer-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-05-01T04:00:00Z");
        List<String> ids =
                List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        send(
                Topic.DONATION_EVENTS.topicName(),
                buyer,
                "donation.recorded",
                List.of(
                        donation(buyer, UUID.randomUUID().toString(), at),
                        donation(buyer, UUID.randomUUID().toString(), at.plusSeconds(60))),
                ids);
        // each credit names the donation.recorded it came from, and so do the welfare-time events
        List<String> sorted = ids.stream().sorted().toList();
        assertEquals(
                sorted,
                ServiceDb.strings(
                        "select cast(source_event_id as text) from " + "donation_credit where user_id = ? order by 1",
                        buyer));
        assertEquals(
                sorted,
                ServiceDb.strings(
                        "select cast(source_event_id as text) from " + "welfare_credit where user_id = ? order by 1",
                        buyer));
        assertEquals(
                sorted,
                KafkaTestClient.readUntil(
                                Topic.VOLUNTEER_WELFARE_TIME.topicName(),
                                Duration.ofSeconds(20),
                                read -> read.stream()
                                                .filter(r -> buyer.equals(r.key()))
                                                .count()
                                        >= 2)
                        .stream()
                        .filter(r -> buyer.equals(r.key()))
                        .map(r -> KafkaTestClient.header(r, "ce_causationid"))
                        .sorted()
                        .toList());
        // the year's donation total names the donation that changed it last
        assertEquals(
                List.of(ids.get(1)),
                ServiceDb.strings(
                        "select cast(last_event_id as text) "
                                + "from welfare_year where user_id = ? and source = 'DONATION'",
                        buyer));
        AuditReplays.assertFindsOnlyARowAlteredByHand(
                "update welfare_year set tenths = tenths + 1 where user_id = '" + buyer + "' and source = 'DONATION'",
                "update welfare_year set tenths = tenths - 1 where user_id = '" + buyer + "' and source = 'DONATION'",
                Map.of(
                        "yearly totals of those",
                        Map.of("user_id", buyer, "year", 2026, "source", "DONATION"),
                        "yearly totals from published events",
                        Map.of("user_id", buyer, "year", 2026)));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyEventDeliveredAgainInReverseOrderChangesNothing() throws Exception {
        Redelivery.assertChangesNothing("volunteer-service", "donation.donations", "forest.events");
    }
}
