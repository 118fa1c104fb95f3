package org.gongyi.reunion.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.TestClock;
import org.gongyi.reunion.Fixtures;
import org.gongyi.reunion.service.AlertPusher;
import org.gongyi.reunion.service.DeviceService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.gongyi.infra.test.ServiceDb.count;
import static org.gongyi.reunion.Fixtures.KM_PER_DEGREE;
import static org.gongyi.reunion.Fixtures.device;
import static org.gongyi.reunion.Fixtures.guardian;
import static org.gongyi.reunion.Fixtures.police;
import static org.gongyi.reunion.Fixtures.publish;
import static org.gongyi.reunion.Fixtures.pushDue;
import static org.gongyi.reunion.Fixtures.user;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What follows a publication (issue #33): the devices a case reached, police marking leads handled, families
 * reporting a missing child to an agency, and children's and elders' cases apart in the statistics.
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reunion"))
class CaseFollowUpTest {

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
    void aCaseCountsTheDevicesItReachedAndKeepsTheCountWhenTheyOptOut() throws Throwable {
        double lat = 61.5;
        double lon = -150.3;
        String owner = user("reach-owner-" + UUID.randomUUID());
        String near1 = device(owner, lat + 20 / KM_PER_DEGREE, lon);
        device(user("reach-" + UUID.randomUUID()), lat + 60 / KM_PER_DEGREE, lon);
        device(user("reach-" + UUID.randomUUID()), lat + 150 / KM_PER_DEGREE, lon);
        Instant lost = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
        clock.set(lost.plus(Duration.ofMinutes(10)));
        String officer = police("officer-r", "reach-psb");
        String c = publish(officer, lat, lon, lost);
        given().get("/alerts/{id}", c).then().statusCode(200).body("devicesReached", equalTo(0));

        pushDue(pusher);
        given().header("Authorization", officer)
                .get("/cases/{id}", c)
                .then()
                .body("radiusKm", equalTo(100))
                .body("devicesReached", equalTo(2));
        clock.set(lost.plus(Duration.ofHours(1)).plusSeconds(1));
        pushDue(pusher);
        given().get("/alerts/{id}", c).then().body("radiusKm", equalTo(200)).body("devicesReached", equalTo(3));

        // a device that got the alert opts out: its delivery record is erased, the case's count stays
        given().header("Authorization", owner)
                .delete("/devices/{id}", near1)
                .then()
                .statusCode(204);
        VertxContextSupport.subscribeAndAwait(devices::eraseDeliveries);
        assertEquals(0, count("select count(*) from alert_delivery where device_id = cast(? as uuid)", near1));
        given().header("Authorization", officer).get("/cases/{id}", c).then().body("devicesReached", equalTo(3));
        given().get("/alerts/{id}", c).then().body("devicesReached", equalTo(3));
    }

    private static String lead(String caseId) {
        return given().header("Authorization", user("witness-" + UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body(Map.of("text", "A girl in a red coat at the market"))
                .post("/alerts/{id}/leads", caseId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void policeOfTheCasesAgencyMarkALeadHandledOnce() {
        String agency = "handling-psb-" + UUID.randomUUID();
        String officer = police("officer-h1", agency);
        String c = publish(officer, 12, 82, Instant.now().minusSeconds(300));
        String handled = lead(c);
        String other = lead(c);
        Map<String, Object> followedUp = Map.of("outcome", "FOLLOWED_UP", "note", "Checked the market's cameras");

        String at = given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(followedUp)
                .put("/cases/{id}/leads/{leadId}/handling", c, handled)
                .then()
                .statusCode(200)
                .body("id", equalTo(handled))
                .body("handling.outcome", equalTo("FOLLOWED_UP"))
                .body("handling.note", equalTo("Checked the market's cameras"))
                .body("handling.handledBy", equalTo("officer-h1"))
                .extract()
                .path("handling.handledAt");
        // the same again, by a colleague: the lead as it is (idempotent); a different handling is a conflict
        String colleague = police("officer-h2", agency);
        given().header("Authorization", colleague)
                .contentType(ContentType.JSON)
                .body(followedUp)
                .put("/cases/{id}/leads/{leadId}/handling", c, handled)
                .then()
                .statusCode(200)
                .body("handling.handledBy", equalTo("officer-h1"))
                .body("handling.handledAt", equalTo(at));
        given().header("Authorization", colleague)
                .contentType(ContentType.JSON)
                .body(Map.of("outcome", "NOT_RELEVANT"))
                .put("/cases/{id}/leads/{leadId}/handling", c, handled)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        // the lead list shows it, and the lead not handled yet without one
        given().header("Authorization", officer)
                .get("/cases/{id}/leads", c)
                .then()
                .statusCode(200)
                .body("find { it.id == '%s' }.handling.outcome".formatted(handled), equalTo("FOLLOWED_UP"))
                .body("find { it.id == '%s' }.handling".formatted(other), nullValue());
        // another agency's officer: as if there were no case; the public may not; bad input is a 400
        given().header("Authorization", police("officer-x", "other-psb"))
                .contentType(ContentType.JSON)
                .body(Map.of("outcome", "DUPLICATE"))
                .put("/cases/{id}/leads/{leadId}/handling", c, other)
                .then()
                .statusCode(404);
        given().header("Authorization", user("someone"))
                .contentType(ContentType.JSON)
                .body(Map.of("outcome", "DUPLICATE"))
                .put("/cases/{id}/leads/{leadId}/handling", c, other)
                .then()
                .statusCode(403);
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("outcome", "DUPLICATE"))
                .put("/cases/{id}/leads/{leadId}/handling", c, UUID.randomUUID())
                .then()
                .statusCode(404);
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("outcome", "SOLVED"))
                .put("/cases/{id}/leads/{leadId}/handling", c, other)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", officer)
                .get("/cases/{id}/leads/{leadId}", c, other)
                .then()
                .body("handling", nullValue());
    }

    private static Map<String, Object> childReport(String agency, Instant lostAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("agencyId", agency);
        body.put("name", "Chen Xiao");
        body.put("age", 5);
        body.put("sex", "FEMALE");
        body.put("description", "Red coat; our neighbour may have taken her, he owes us money");
        body.put("photoUrl", "https://img.example.org/chen-xiao.jpg");
        body.put("latitude", 22.54);
        body.put("longitude", 114.05);
        body.put("lostAt", lostAt.toString());
        body.put("reporterContact", "138 0013 8000");
        return body;
    }

    private static String report(String family, Map<String, Object> body) {
        return given().header("Authorization", family)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/child-reports")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .extract()
                .path("id");
    }

    @Test
    void aFamilyReportsAMissingChildAndTheAgencysPolicePublishACaseFromIt() throws Exception {
        String agency = "report-psb-" + UUID.randomUUID();
        String familyId = "parent-" + UUID.randomUUID();
        String family = user(familyId);
        Instant lostAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(40));
        String r = report(family, childReport(agency, lostAt));

        // only the agency's police and the family see it
        String officer = police("officer-p", agency);
        given().header("Authorization", officer)
                .get("/child-reports")
                .then()
                .statusCode(200)
                .body("id", contains(r))
                .body("[0].reporterContact", equalTo("138 0013 8000"))
                .body("[0].lostAt", equalTo(lostAt.toString()));
        given().header("Authorization", police("officer-o", "other-psb"))
                .get("/child-reports")
                .then()
                .body("id", not(hasItem(r)));
        given().header("Authorization", police("officer-o", "other-psb"))
                .get("/child-reports/{id}", r)
                .then()
                .statusCode(404);
        given().header("Authorization", user("stranger"))
                .get("/child-reports/{id}", r)
                .then()
                .statusCode(404);
        given().header("Authorization", family)
                .get("/child-reports/mine")
                .then()
                .body("id", contains(r));

        // another agency cannot publish it; the agency's officer does, once, in the officer's words
        Map<String, Object> publishing = Map.of("contact", "Shenzhen PSB 0755-110", "description", "Red coat");
        given().header("Authorization", police("officer-o", "other-psb"))
                .contentType(ContentType.JSON)
                .body(publishing)
                .post("/child-reports/{id}/case", r)
                .then()
                .statusCode(404);
        String c = given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(publishing)
                .post("/child-reports/{id}/case", r)
                .then()
                .statusCode(201)
                .body("agencyId", equalTo(agency))
                .body("officerId", equalTo("officer-p"))
                .extract()
                .path("id");
        given().get("/alerts/{id}", c)
                .then()
                .statusCode(200)
                .body("name", equalTo("Chen Xiao"))
                .body("age", equalTo(5))
                .body("sex", equalTo("FEMALE"))
                .body("description", equalTo("Red coat"))
                .body("photoUrl", equalTo("https://img.example.org/chen-xiao.jpg"))
                .body("latitude", equalTo(22.54f))
                .body("lostAt", equalTo(lostAt.toString()))
                .body("contact", equalTo("Shenzhen PSB 0755-110"));
        assertEquals(1, count("select count(*) from missing_case where id = cast(? as uuid) and subject = 'CHILD'", c));
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(publishing)
                .post("/child-reports/{id}/case", r)
                .then()
                .statusCode(409);
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "late"))
                .post("/child-reports/{id}/decline", r)
                .then()
                .statusCode(409);
        // the family sees the case published from it, not which officer decided
        given().header("Authorization", family)
                .get("/child-reports/{id}", r)
                .then()
                .statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("caseId", equalTo(c))
                .body("decidedBy", nullValue());
        given().header("Authorization", officer)
                .get("/child-reports/{id}", r)
                .then()
                .body("decidedBy", equalTo("officer-p"));
    }

    @Test
    void theAgencyDeclinesAReportWithAReasonTheFamilyReads() throws Exception {
        String agency = "decline-psb-" + UUID.randomUUID();
        String family = guardian("grandparent-" + UUID.randomUUID());
        String r = report(family, childReport(agency, Instant.now().minusSeconds(3600)));
        String officer = police("officer-d", agency);
        given().header("Authorization", police("officer-o", "other-psb"))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "not ours"))
                .post("/child-reports/{id}/decline", r)
                .then()
                .statusCode(404);
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", ""))
                .post("/child-reports/{id}/decline", r)
                .then()
                .statusCode(400);
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "She came home at 18:40; her school called us"))
                .post("/child-reports/{id}/decline", r)
                .then()
                .statusCode(200)
                .body("status", equalTo("DECLINED"))
                .body("decidedBy", equalTo("officer-d"));
        given().header("Authorization", family)
                .get("/child-reports/mine")
                .then()
                .body("[0].status", equalTo("DECLINED"))
                .body("[0].declineReason", equalTo("She came home at 18:40; her school called us"))
                .body("[0].caseId", nullValue());
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("contact", "PSB 110"))
                .post("/child-reports/{id}/case", r)
                .then()
                .statusCode(409);
        // police do not report to themselves; bad reports are 400s
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(childReport(agency, Instant.now()))
                .post("/child-reports")
                .then()
                .statusCode(403);
        long before = count("select count(*) from child_report where agency_id = ?", agency);
        Map<String, Object> adult = childReport(agency, Instant.now());
        adult.put("age", 18);
        Map<String, Object> future = childReport(agency, Instant.now().plus(Duration.ofHours(1)));
        for (Map<String, Object> bad : java.util.List.of(adult, future)) {
            given().header("Authorization", family)
                    .contentType(ContentType.JSON)
                    .body(bad)
                    .post("/child-reports")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        assertEquals(before, count("select count(*) from child_report where agency_id = ?", agency), "nothing written");
    }

    @Test
    void aPersonMakesAtMostThreeReportsAnHour() throws Exception {
        String agency = "limit-psb-" + UUID.randomUUID();
        String family = user("parent-l-" + UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            report(family, childReport(agency, Instant.now().minusSeconds(600)));
        }
        given().header("Authorization", family)
                .contentType(ContentType.JSON)
                .body(childReport(agency, Instant.now().minusSeconds(600)))
                .post("/child-reports")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json");
        assertEquals(3, count("select count(*) from child_report where agency_id = ?", agency));
    }

    @Test
    void childrensAndEldersCasesStayApartInTheStatistics() {
        // 2013 (Shanghai calendar): a child's case from a family's report in May, an elder's from an escalation in June
        String agency = "apart-psb-" + UUID.randomUUID();
        String officer = police("officer-a", agency);
        Instant may = Instant.parse("2013-05-10T02:00:00Z");
        clock.set(may);
        String r = report(user("parent-a-" + UUID.randomUUID()), childReport(agency, may.minusSeconds(1800)));
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("contact", "PSB 110"))
                .post("/child-reports/{id}/case", r)
                .then()
                .statusCode(201);
        Instant june = Instant.parse("2013-06-20T02:00:00Z");
        clock.set(june);
        String guardian = guardian("son-a-" + UUID.randomUUID());
        String elder = given().header("Authorization", guardian)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Zhao Lin",
                        "birthYear",
                        1940,
                        "locatorId",
                        Fixtures.registerLocator("loc-" + UUID.randomUUID()),
                        "activationCode",
                        Fixtures.ACTIVATION_CODE,
                        "safeZone",
                        Map.of("latitude", 30.1, "longitude", 120.1, "radiusMetres", 500)))
                .post("/elders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String escalation = given().header("Authorization", guardian)
                .contentType(ContentType.JSON)
                .body(Map.of("agencyId", agency))
                .post("/elders/{id}/escalations", elder)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("sex", "MALE", "contact", "PSB 110"))
                .post("/escalations/{id}/case", escalation)
                .then()
                .statusCode(201);

        given().queryParam("from", "2013-01-01")
                .queryParam("to", "2014-01-01")
                .get("/statistics")
                .then()
                .statusCode(200)
                .body("total.published", equalTo(1))
                .body("periods.period", contains("2013-05"))
                .body("periods[0].published", equalTo(1))
                .body("elders.published", equalTo(1))
                .body("elderPeriods.period", contains("2013-06"))
                .body("elderPeriods[0].published", equalTo(1))
                .body("elderPeriods[0].open", equalTo(1));
        given().queryParam("from", "2013-05-01T00:00:00Z")
                .queryParam("to", "2013-07-01T00:00:00Z")
                .queryParam("by", "DAY")
                .queryParam("subject", "ELDER")
                .get("/statistics/history")
                .then()
                .statusCode(200)
                .body("subject", equalTo("ELDER"))
                .body("points.findAll { it.published > 0 }.at", contains("2013-06-19T16:00:00Z"));
        given().queryParam("from", "2013-05-01T00:00:00Z")
                .queryParam("to", "2013-07-01T00:00:00Z")
                .queryParam("by", "DAY")
                .get("/statistics/history")
                .then()
                .body("subject", equalTo("CHILD"))
                .body("points.findAll { it.published > 0 }.at", contains("2013-05-09T16:00:00Z"));
        given().queryParam("subject", "ADULT")
                .get("/statistics/history")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
