package org.gongyi.reunion.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventType;
import org.gongyi.events.Topic;
import org.gongyi.events.contract.LeadSent;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.TestClock;
import org.gongyi.reunion.service.AlertPusher;
import org.gongyi.reunion.service.DeviceService;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.gongyi.infra.test.ServiceDb.count;
import static org.gongyi.reunion.Fixtures.police;
import static org.gongyi.reunion.Fixtures.publish;
import static org.gongyi.reunion.Fixtures.pushDue;
import static org.gongyi.reunion.Fixtures.pushedCode;
import static org.gongyi.reunion.Fixtures.user;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reunion"))
class LeadsDevicesStatisticsTest {

    @Inject
    TestClock clock;

    @Inject
    AlertPusher pusher;

    @Inject
    DeviceService devices;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void leadsAreReadOnlyByTheCasesAgencyAndRateLimitedPerPerson() {
        String agency = "agency-" + UUID.randomUUID();
        String officer = police("officer-l", agency);
        String c = publish(officer, 10, 80, Instant.now().minusSeconds(300));
        String witnessId = "witness-" + UUID.randomUUID();
        String witness = user(witnessId);
        String lead = given().header("Authorization", witness)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "text",
                        "A boy in a blue jacket at the bus station",
                        "latitude",
                        10.01,
                        "longitude",
                        80.02,
                        "photoUrl",
                        "https://img.example.org/lead.jpg"))
                .post("/alerts/{id}/leads", c)
                .then()
                .statusCode(201)
                .body("caseId", equalTo(c))
                .extract()
                .path("id");
        // that the witness took part goes out for the campaigns: never the case, the place or the words
        List<ConsumerRecord<String, String>> sent = KafkaTestClient.readUntil(
                        Topic.REUNION_PARTICIPATIONS.topicName(),
                        Duration.ofSeconds(20),
                        rs -> rs.stream().anyMatch(r -> witnessId.equals(r.key())))
                .stream()
                .filter(r -> witnessId.equals(r.key()))
                .toList();
        assertEquals(1, sent.size());
        assertEquals("reunion.lead-sent", KafkaTestClient.header(sent.get(0), "ce_type"));
        LeadSent data = (LeadSent)
                EventCodec.get().decode(EventType.LEAD_SENT, sent.get(0).value());
        assertEquals(new LeadSent(lead, witnessId, data.sentAt()), data);
        assertFalse(sent.get(0).value().contains(c), sent.get(0).value());
        assertFalse(sent.get(0).value().contains("bus station"), sent.get(0).value());
        given().header("Authorization", officer)
                .get("/cases/{id}/leads", c)
                .then()
                .statusCode(200)
                .body("text", contains("A boy in a blue jacket at the bus station"))
                .body("[0].latitude", equalTo(10.01f));
        // another agency's officer cannot read them; nor can the public
        given().header("Authorization", police("officer-x", "agency-other"))
                .get("/cases/{id}/leads", c)
                .then()
                .statusCode(404);
        given().header("Authorization", witness)
                .get("/cases/{id}/leads", c)
                .then()
                .statusCode(403);

        for (int i = 2; i <= 5; i++) {
            given().header("Authorization", witness)
                    .contentType(ContentType.JSON)
                    .body(Map.of("text", "lead " + i))
                    .post("/alerts/{id}/leads", c)
                    .then()
                    .statusCode(201);
        }
        String retryAfter = given().header("Authorization", witness)
                .contentType(ContentType.JSON)
                .body(Map.of("text", "lead 6"))
                .post("/alerts/{id}/leads", c)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("detail", startsWith("At most 5 leads per 10 minutes"))
                .header("Retry-After", notNullValue())
                .extract()
                .header("Retry-After");
        assertTrue(Integer.parseInt(retryAfter) >= 1 && Integer.parseInt(retryAfter) <= 601, retryAfter);
        // the limit is per person: someone else may still send one
        given().header("Authorization", user("other-" + UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body(Map.of("text", "me too"))
                .post("/alerts/{id}/leads", c)
                .then()
                .statusCode(201);
        given().header("Authorization", officer)
                .get("/cases/{id}/leads", c)
                .then()
                .body("", hasSize(6));

        // a closed case takes no leads
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("closure", "FALSE_REPORT"))
                .post("/cases/{id}/close", c)
                .then()
                .statusCode(200);
        given().header("Authorization", user("late-" + UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body(Map.of("text", "too late"))
                .post("/alerts/{id}/leads", c)
                .then()
                .statusCode(409);
    }

    @Test
    void devicesKeepOnlyTheirLatestCoarseLocationAndOptOutCompletely() throws Throwable {
        String owner = user("phone-owner-" + UUID.randomUUID());
        String token = "fcm:" + UUID.randomUUID();
        String device = given().header("Authorization", owner)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "platform", "ANDROID", "pushToken", token, "latitude", -20.123456, "longitude", -60.987654))
                .post("/devices")
                .then()
                .statusCode(201)
                .body("latitude", equalTo(-20.12f))
                .body("longitude", equalTo(-60.99f))
                .body("$", Matchers.not(Matchers.hasKey("pushToken")))
                .extract()
                .path("id");
        given().header("Authorization", owner)
                .contentType(ContentType.JSON)
                .body(Map.of("latitude", -20.5, "longitude", -60.5))
                .put("/devices/{id}/location", device)
                .then()
                .statusCode(200)
                .body("latitude", equalTo(-20.5f));
        assertEquals(1, count("select count(*) from device where id = cast(? as uuid) and latitude = -20.5", device));
        given().header("Authorization", user("someone-else"))
                .contentType(ContentType.JSON)
                .body(Map.of("latitude", 1, "longitude", 1))
                .put("/devices/{id}/location", device)
                .then()
                .statusCode(404);
        given().header("Authorization", user("someone-else"))
                .delete("/devices/{id}", device)
                .then()
                .statusCode(404);

        // reached by an alert, then moved (the case keeps it as reached), then opted out: the device is gone, its
        // delivery records once the purge has run
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String c = publish(
                police("officer-d", "zz-psb"), -20.4, -60.5, clock.instant().minusSeconds(60));
        pushDue(pusher);
        given().header("Authorization", owner)
                .contentType(ContentType.JSON)
                .body(Map.of("latitude", -20.6, "longitude", -60.5))
                .put("/devices/{id}/location", device)
                .then()
                .statusCode(200);
        assertEquals(
                1,
                count(
                        "select count(*) from alert_delivery where device_id = cast(? as uuid) "
                                + "and case_id = cast(? as uuid) and radius_km = 100",
                        device,
                        c));
        given().header("Authorization", owner)
                .delete("/devices/{id}", device)
                .then()
                .statusCode(204);
        assertEquals(0, count("select count(*) from device where push_token = ?", token));
        assertTrue(VertxContextSupport.subscribeAndAwait(devices::eraseDeliveries) >= 1);
        assertEquals(0, count("select count(*) from alert_delivery where device_id = cast(? as uuid)", device));
        assertEquals(0, count("select count(*) from device_erasure"));
        given().header("Authorization", owner).get("/devices").then().body("", empty());

        // the same app install registered by a new login moves to them once they type back the code pushed to it
        String newOwner = user("new-owner-" + UUID.randomUUID());
        String again = given().header("Authorization", owner)
                .contentType(ContentType.JSON)
                .body(Map.of("platform", "IOS", "pushToken", token, "latitude", 1, "longitude", 1))
                .post("/devices")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", newOwner)
                .contentType(ContentType.JSON)
                .body(Map.of("platform", "IOS", "pushToken", token, "latitude", 2, "longitude", 2))
                .post("/devices")
                .then()
                .statusCode(202)
                .body("expiresAt", notNullValue());
        given().header("Authorization", owner).get("/devices").then().body("id", contains(again));
        given().header("Authorization", newOwner).get("/devices").then().body("", empty());
        String code = pushedCode(again);
        assertEquals(
                1,
                count(
                        "select count(*) from outbox_event where ce_type = 'reunion.notification-batch' "
                                + "and cast(payload as jsonb) -> 'recipients' -> 0 ->> 'pushToken' = ? "
                                + "and cast(payload as jsonb) ->> 'kind' = 'DEVICE_VERIFICATION'",
                        token),
                "pushed to that device only");
        String wrong = code.equals("000000") ? "000001" : "000000";
        given().header("Authorization", newOwner)
                .contentType(ContentType.JSON)
                .body(Map.of("pushToken", token, "code", wrong))
                .post("/devices/claims")
                .then()
                .statusCode(403)
                .body("detail", containsString("4 tries left"));
        given().header("Authorization", user("bystander-" + UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body(Map.of("pushToken", token, "code", code))
                .post("/devices/claims")
                .then()
                .statusCode(404);
        given().header("Authorization", newOwner)
                .contentType(ContentType.JSON)
                .body(Map.of("pushToken", token, "code", code))
                .post("/devices/claims")
                .then()
                .statusCode(200)
                .body("id", equalTo(again))
                .body("latitude", equalTo(2.0f));
        given().header("Authorization", owner).get("/devices").then().body("", empty());
        given().header("Authorization", newOwner).get("/devices").then().body("id", contains(again));
        given().header("Authorization", newOwner)
                .contentType(ContentType.JSON)
                .body(Map.of("pushToken", token, "code", code))
                .post("/devices/claims")
                .then()
                .statusCode(404);
    }

    @Test
    void aDeviceClaimEndsAfterFiveWrongCodesOrTenMinutes() throws Exception {
        String owner = user("phone-owner-" + UUID.randomUUID());
        String thief = user("token-thief-" + UUID.randomUUID());
        String token = "fcm:" + UUID.randomUUID();
        String device = given().header("Authorization", owner)
                .contentType(ContentType.JSON)
                .body(Map.of("platform", "ANDROID", "pushToken", token, "latitude", 1, "longitude", 1))
                .post("/devices")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // knowing the token is not enough: guessing runs out of tries
        given().header("Authorization", thief)
                .contentType(ContentType.JSON)
                .body(Map.of("platform", "ANDROID", "pushToken", token, "latitude", 5, "longitude", 5))
                .post("/devices")
                .then()
                .statusCode(202);
        String code = pushedCode(device);
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", thief)
                    .contentType(ContentType.JSON)
                    .body(Map.of("pushToken", token, "code", wrong))
                    .post("/devices/claims")
                    .then()
                    .statusCode(403);
        }
        given().header("Authorization", thief)
                .contentType(ContentType.JSON)
                .body(Map.of("pushToken", token, "code", code))
                .post("/devices/claims")
                .then()
                .statusCode(404);
        given().header("Authorization", owner).get("/devices").then().body("id", contains(device));
        // a code typed back too late is refused
        String newLogin = user("new-login-" + UUID.randomUUID());
        given().header("Authorization", newLogin)
                .contentType(ContentType.JSON)
                .body(Map.of("platform", "ANDROID", "pushToken", token, "latitude", 5, "longitude", 5))
                .post("/devices")
                .then()
                .statusCode(202);
        String late = pushedCode(device);
        clock.set(Instant.now().plus(Duration.ofMinutes(11)));
        given().header("Authorization", newLogin)
                .contentType(ContentType.JSON)
                .body(Map.of("pushToken", token, "code", late))
                .post("/devices/claims")
                .then()
                .statusCode(410)
                .contentType("application/problem+json");
        clock.reset();
        given().header("Authorization", owner).get("/devices").then().body("id", contains(device));
        assertEquals(0, count("select count(*) from device_claim where push_token = ?", token));
    }

    @Test
    void onePersonRegistersTenDevicesAtMost() throws Exception {
        String owner = user("many-devices-" + UUID.randomUUID());
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tokens.add("fcm:" + UUID.randomUUID());
            given().header("Authorization", owner)
                    .contentType(ContentType.JSON)
                    .body(Map.of("platform", "ANDROID", "pushToken", tokens.get(i), "latitude", 1, "longitude", 1))
                    .post("/devices")
                    .then()
                    .statusCode(201);
        }
        given().header("Authorization", owner)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "platform", "ANDROID", "pushToken", "fcm:" + UUID.randomUUID(), "latitude", 1, "longitude", 1))
                .post("/devices")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("You have 10 devices, the most one person may register; opt one out first"));
        // one of the ten registered again (a new location) is no new device
        given().header("Authorization", owner)
                .contentType(ContentType.JSON)
                .body(Map.of("platform", "ANDROID", "pushToken", tokens.get(3), "latitude", 2, "longitude", 2))
                .post("/devices")
                .then()
                .statusCode(201);
        assertEquals(10, count("select count(*) from device where push_token = any(?)", (Object)
                tokens.toArray(new String[0])));
    }

    @Test
    void statisticsCountPublishedFoundFalseReportsRecoveryAndMedianTimeToFound() {
        String officer = police("officer-s", "stats-psb");
        // 2017, Shanghai calendar: three cases in March, one in April
        Instant march = Instant.parse("2017-03-10T02:00:00Z");
        clock.set(march);
        String found1 = publish(officer, -50, 140, march.minus(Duration.ofHours(1)));
        String found2 = publish(officer, -50, 140, march.minus(Duration.ofHours(1)));
        String hoax = publish(officer, -50, 140, march.minus(Duration.ofHours(1)));
        clock.set(Instant.parse("2017-04-02T02:00:00Z"));
        publish(officer, -50, 140, Instant.parse("2017-04-02T01:00:00Z"));
        // found after 5 h and after 9 h (from the loss); one false report
        clock.set(march.plus(Duration.ofHours(4)));
        close(officer, found1, "FOUND", "RESCUED");
        clock.set(march.plus(Duration.ofHours(8)));
        close(officer, found2, "FOUND", "RAN_AWAY");
        close(officer, hoax, "FALSE_REPORT", null);

        given().queryParam("from", "2017-01-01")
                .queryParam("to", "2018-01-01")
                .get("/statistics")
                .then()
                .statusCode(200)
                .body("total.published", equalTo(4))
                .body("total.found", equalTo(2))
                .body("total.falseReports", equalTo(1))
                .body("total.open", equalTo(1))
                .body("total.recoveryRatePercent", equalTo(50.0f))
                .body("total.medianHoursToFound", equalTo(7.0f))
                .body("periods.period", contains("2017-03", "2017-04"))
                .body("periods[0].published", equalTo(3))
                .body("periods[0].recoveryRatePercent", equalTo(66.7f))
                .body("elders.published", equalTo(0))
                .body("elders.recoveryRatePercent", Matchers.nullValue())
                .body("periods[1].recoveryRatePercent", equalTo(0.0f))
                .body("periods[1].medianHoursToFound", Matchers.nullValue());
        given().queryParam("from", "2017-01-01")
                .queryParam("to", "2018-01-01")
                .queryParam("by", "YEAR")
                .get("/statistics")
                .then()
                .body("periods.period", contains("2017"));
        given().queryParam("from", "2018-01-01")
                .queryParam("to", "2017-01-01")
                .get("/statistics")
                .then()
                .statusCode(400);
        given().queryParam("by", "WEEK")
                .get("/statistics")
                .then()
                .statusCode(400)
                .body("detail", Matchers.containsString("MONTH"));
        // the alerts' history: published at 02:00 UTC on 10 March (10:00 in Shanghai), found at 06:00 and 10:00
        given().queryParam("by", "HOUR")
                .queryParam("from", "2017-03-10T01:00:00Z")
                .queryParam("to", "2017-03-10T11:00:00Z")
                .get("/statistics/history")
                .then()
                .statusCode(200)
                .header("Cache-Control", "max-age=1")
                .body("by", equalTo("HOUR"))
                .body("points", Matchers.hasSize(10))
                .body("points[1].at", equalTo("2017-03-10T02:00:00Z"))
                .body("points.published", contains(0, 3, 0, 0, 0, 0, 0, 0, 0, 0))
                .body("points.found", contains(0, 0, 0, 0, 0, 1, 0, 0, 0, 1));
        given().queryParam("by", "DAY")
                .queryParam("from", "2017-03-09T00:00:00Z")
                .queryParam("to", "2017-04-03T00:00:00Z")
                .get("/statistics/history")
                .then()
                .statusCode(200)
                .body("from", equalTo("2017-03-08T16:00:00Z"))
                .body("points", Matchers.hasSize(26))
                .body("points[1].published", equalTo(3))
                .body("points[1].found", equalTo(2))
                .body("points[24].published", equalTo(1))
                .body("points.published.sum()", equalTo(4));
        given().queryParam("by", "WEEK")
                .get("/statistics/history")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static void close(String officer, String c, String closure, String outcome) {
        Map<String, Object> body = new HashMap<>();
        body.put("closure", closure);
        if (outcome != null) {
            body.put("outcome", outcome);
        }
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/cases/{id}/close", c)
                .then()
                .statusCode(200);
    }
}
