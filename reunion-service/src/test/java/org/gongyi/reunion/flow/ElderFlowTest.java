package org.gongyi.reunion.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.gongyi.infra.test.AuditReplays;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.Redelivery;
import org.gongyi.infra.test.ServiceDb;
import org.gongyi.infra.test.TestClock;
import org.gongyi.reunion.Fixtures;
import org.gongyi.reunion.service.ElderService;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;
import static org.gongyi.infra.test.ServiceDb.count;
import static org.gongyi.infra.test.ServiceDb.strings;
import static org.gongyi.reunion.Fixtures.ACTIVATION_CODE;
import static org.gongyi.reunion.Fixtures.guardian;
import static org.gongyi.reunion.Fixtures.police;
import static org.gongyi.reunion.Fixtures.positions;
import static org.gongyi.reunion.Fixtures.registerLocator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Elderly anti-loss on the real broker and database: enrolment, geofence exits and returns, purge, escalation. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reunion"))
class ElderFlowTest {

    @Inject
    TestClock clock;

    @Inject
    ElderService elders;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static final double LAT = 30.0;
    private static final double LON = -30.0;
    private static final double INSIDE = 30.001; // ~110 m from the centre
    private static final double OUTSIDE = 30.02; // ~2.2 km

    /** Enrols a person on a new locator, paired three hours ago (the tests send positions of the last two hours). */
    private static String enrol(String guardianToken, String locator) {
        registerLocator(locator);
        String elder = given().header("Authorization", guardianToken)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Zhang Lan",
                        "birthYear",
                        1946,
                        "condition",
                        "Alzheimer's",
                        "locatorId",
                        locator,
                        "activationCode",
                        ACTIVATION_CODE,
                        "safeZone",
                        Map.of("latitude", LAT, "longitude", LON, "radiusMetres", 1000)))
                .post("/elders")
                .then()
                .statusCode(201)
                .body("zoneState", equalTo("UNKNOWN"))
                .extract()
                .path("id");
        pairedHoursAgo(elder, 3);
        return elder;
    }

    /** Moves the person's pairing with their locator back in time: positions recorded before it are not theirs. */
    private static void pairedHoursAgo(String elder, int hours) {
        try {
            ServiceDb.query(
                    "update elder set created_at = created_at - make_interval(hours => ?) "
                            + "where id = cast(? as uuid) returning id",
                    hours,
                    elder);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code by} invites {@code other} to guard the elder, who accepts. */
    private static void addGuardian(String by, String elder, String other) {
        given().header("Authorization", by)
                .contentType(ContentType.JSON)
                .body(Map.of("guardianId", subjectOf(other)))
                .post("/elders/{id}/guardians", elder)
                .then()
                .statusCode(202)
                .body("invited", Matchers.hasItem(subjectOf(other)));
        given().header("Authorization", other)
                .put("/elders/{id}/guardians/me", elder)
                .then()
                .statusCode(200);
    }

    private static void device(String owner) {
        given().header("Authorization", owner)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "platform", "IOS", "pushToken", "apns:" + UUID.randomUUID(), "latitude", 0, "longitude", 0))
                .post("/devices")
                .then()
                .statusCode(201);
    }

    @Test
    void onlyGuardiansSeeAnElderAndEnrolmentIsForTheElderlyOrThoseWithACondition() {
        String g1 = guardian("daughter-" + UUID.randomUUID());
        String g2 = guardian("son-" + UUID.randomUUID());
        String elder = enrol(g1, "loc-" + UUID.randomUUID());
        given().header("Authorization", g2).get("/elders/{id}", elder).then().statusCode(404);
        given().header("Authorization", g2)
                .get("/elders/{id}/positions", elder)
                .then()
                .statusCode(404);
        given().header("Authorization", police("officer-e", "psb-e"))
                .get("/elders/{id}", elder)
                .then()
                .statusCode(403);
        // an invited guardian sees nothing until they accept
        given().header("Authorization", g1)
                .contentType(ContentType.JSON)
                .body(Map.of("guardianId", subjectOf(g2)))
                .post("/elders/{id}/guardians", elder)
                .then()
                .statusCode(202)
                .body("guardians", hasSize(1))
                .body("invited", contains(subjectOf(g2)));
        given().header("Authorization", g2).get("/elders/{id}", elder).then().statusCode(404);
        given().header("Authorization", g2)
                .get("/elders/invitations")
                .then()
                .statusCode(200)
                .body("elderId", contains(elder))
                .body("[0].name", equalTo("Zhang Lan"));
        given().header("Authorization", g2)
                .put("/elders/{id}/guardians/me", elder)
                .then()
                .statusCode(200);
        given().header("Authorization", g2).get("/elders/invitations").then().body("", empty());
        given().header("Authorization", g2)
                .get("/elders/{id}", elder)
                .then()
                .statusCode(200)
                .body("name", equalTo("Zhang Lan"));
        given().header("Authorization", g2).get("/elders").then().body("id", contains(elder));

        given().header("Authorization", g1)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Young",
                        "birthYear",
                        1990,
                        "locatorId",
                        registerLocator("loc-" + UUID.randomUUID()),
                        "activationCode",
                        ACTIVATION_CODE,
                        "safeZone",
                        Map.of("latitude", LAT, "longitude", LON, "radiusMetres", 1000)))
                .post("/elders")
                .then()
                .statusCode(400);
        String locator = "loc-" + UUID.randomUUID();
        enrol(g1, locator);
        given().header("Authorization", g1)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Twice",
                        "birthYear",
                        1940,
                        "locatorId",
                        locator,
                        "activationCode",
                        ACTIVATION_CODE,
                        "safeZone",
                        Map.of("latitude", LAT, "longitude", LON, "radiusMetres", 1000)))
                .post("/elders")
                .then()
                .statusCode(409);
    }

    private static Map<String, Object> newElder(String locator, String code) {
        return Map.of(
                "name",
                "Li Hua",
                "birthYear",
                1941,
                "locatorId",
                locator,
                "activationCode",
                code,
                "safeZone",
                Map.of("latitude", LAT, "longitude", LON, "radiusMetres", 1000));
    }

    @Test
    void aLocatorIsPairedOnlyByItsCodeGuardiansConsentAndUnenrolmentErases() throws Exception {
        String enroller = guardian("carer-" + UUID.randomUUID());
        String stranger = guardian("stranger-" + UUID.randomUUID());
        String locator = registerLocator("loc-" + UUID.randomUUID());
        // without the code in the locator's box nobody pairs it (nor an unregistered locator)
        given().header("Authorization", stranger)
                .contentType(ContentType.JSON)
                .body(newElder(locator, "guessed-0000"))
                .post("/elders")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", stranger)
                .contentType(ContentType.JSON)
                .body(newElder("loc-unregistered-" + UUID.randomUUID(), ACTIVATION_CODE))
                .post("/elders")
                .then()
                .statusCode(403);
        String elder = given().header("Authorization", enroller)
                .contentType(ContentType.JSON)
                .body(newElder(locator, ACTIVATION_CODE))
                .post("/elders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        pairedHoursAgo(elder, 1);
        // once paired, not even the code pairs it to someone else
        given().header("Authorization", stranger)
                .contentType(ContentType.JSON)
                .body(newElder(locator, ACTIVATION_CODE))
                .post("/elders")
                .then()
                .statusCode(409);
        given().header("Authorization", stranger)
                .get("/elders/{id}", elder)
                .then()
                .statusCode(404);

        // an invitation declined leaves nothing; accepting needs one
        String co = guardian("co-" + UUID.randomUUID());
        given().header("Authorization", enroller)
                .contentType(ContentType.JSON)
                .body(Map.of("guardianId", subjectOf(co)))
                .post("/elders/{id}/guardians", elder)
                .then()
                .statusCode(202);
        given().header("Authorization", co)
                .delete("/elders/{id}/guardians/me", elder)
                .then()
                .statusCode(204);
        given().header("Authorization", co)
                .put("/elders/{id}/guardians/me", elder)
                .then()
                .statusCode(404);
        given().header("Authorization", co).get("/elders/{id}", elder).then().statusCode(404);
        addGuardian(enroller, elder, co);
        String third = guardian("third-" + UUID.randomUUID());
        addGuardian(co, elder, third);
        // only the enrolling guardian removes others, and unenrols while others guard the person
        given().header("Authorization", co)
                .delete("/elders/{id}/guardians/{g}", elder, subjectOf(third))
                .then()
                .statusCode(403);
        given().header("Authorization", co).delete("/elders/{id}", elder).then().statusCode(403);
        given().header("Authorization", enroller)
                .delete("/elders/{id}/guardians/{g}", elder, subjectOf(third))
                .then()
                .statusCode(204);
        given().header("Authorization", third).get("/elders/{id}", elder).then().statusCode(404);
        given().header("Authorization", co)
                .delete("/elders/{id}/guardians/me", elder)
                .then()
                .statusCode(204);
        given().header("Authorization", co).get("/elders/{id}", elder).then().statusCode(404);
        given().header("Authorization", enroller)
                .delete("/elders/{id}/guardians/me", elder)
                .then()
                .statusCode(409)
                .body("detail", Matchers.containsString("unenrol"));

        // unenrolment erases the person and everything kept about them
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
        positions(locator, new Object[] {INSIDE, LON, t}, new Object[] {OUTSIDE, LON, t.plusSeconds(60)});
        assertEquals(1, count("select count(*) from elder_alert where elder_id = cast(? as uuid)", elder));
        given().header("Authorization", enroller)
                .contentType(ContentType.JSON)
                .body(Map.of("agencyId", "psb-erase"))
                .post("/elders/{id}/escalations", elder)
                .then()
                .statusCode(201);
        given().header("Authorization", enroller)
                .delete("/elders/{id}", elder)
                .then()
                .statusCode(204);
        given().header("Authorization", enroller)
                .get("/elders/{id}", elder)
                .then()
                .statusCode(404);
        for (String table : List.of(
                "elder", "elder_guardian", "guardian_invitation", "elder_position", "elder_alert", "escalation")) {
            assertEquals(
                    0,
                    count(
                            "select count(*) from " + table + " where " + ("elder".equals(table) ? "id" : "elder_id")
                                    + " = cast(? as uuid)",
                            elder),
                    table);
        }
        // the locator is free again: its positions reach no one
        positions(locator, new Object[] {INSIDE, LON, t.plusSeconds(120)});
        assertEquals(
                0,
                count(
                        "select count(*) from elder_position p join elder e on e.id = p.elder_id "
                                + "where e.locator_id = ?",
                        locator));

        // paired with someone else, it never gives them the earlier wearer's positions: one sent again (a new event
        // id, as a locator's gateway resends) is not theirs; one recorded after the pairing is
        String next = given().header("Authorization", stranger)
                .contentType(ContentType.JSON)
                .body(newElder(locator, ACTIVATION_CODE))
                .post("/elders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Instant later = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        positions(locator, new Object[] {OUTSIDE, LON, t.plusSeconds(60)}, new Object[] {INSIDE, LON, later});
        assertEquals(
                List.of(later.toString()),
                given().header("Authorization", stranger)
                        .get("/elders/{id}/positions", next)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("recordedAt", String.class));
        assertEquals(0, count("select count(*) from elder_alert where elder_id = cast(? as uuid)", next));
    }

    private static String subjectOf(String bearer) {
        String payload = bearer.substring("Bearer ".length()).split("\\.")[1];
        String json = new String(Base64.getUrlDecoder().decode(payload));
        return json.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void leavingTheSafeZoneAlertsTheGuardiansOncePerExitAndReturnClearsIt() throws Exception {
        String daughter = "daughter-" + UUID.randomUUID();
        String g1 = guardian(daughter);
        String g2 = guardian("son-" + UUID.randomUUID());
        device(g1);
        device(g2);
        device(g1);
        String locator = "loc-" + UUID.randomUUID();
        String elder = enrol(g1, locator);
        addGuardian(g1, elder, g2);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
        positions(
                locator,
                new Object[] {INSIDE, LON, t},
                new Object[] {OUTSIDE, LON, t.plusSeconds(60)},
                new Object[] {OUTSIDE + 0.01, LON, t.plusSeconds(120)},
                // an old position arriving late changes nothing
                new Object[] {INSIDE, LON, t.plusSeconds(90)});
        given().header("Authorization", g1).get("/elders/{id}", elder).then().body("zoneState", equalTo("OUTSIDE"));
        given().header("Authorization", g2)
                .get("/elders/{id}/alerts", elder)
                .then()
                .body("", hasSize(1))
                .body("[0].leftAt", equalTo(t.plusSeconds(60).toString()))
                .body("[0].returnedAt", nullValue())
                .body("[0].latitude", equalTo((float) OUTSIDE));
        List<String> batches = strings(
                "select payload from outbox_event where ce_type = 'reunion.notification-batch' "
                        + "and partition_key = ?",
                elder);
        assertEquals(1, batches.size());
        assertEquals(3, batches.get(0).split("\"deviceId\"").length - 1, "three guardian devices: " + batches);
        assertEquals(-1, batches.get(0).indexOf(String.valueOf(OUTSIDE)), "the push carries no position");

        positions(
                locator, new Object[] {INSIDE, LON, t.plusSeconds(180)}, new Object[] {OUTSIDE, LON, t.plusSeconds(240)
                });
        given().header("Authorization", g1)
                .get("/elders/{id}/alerts", elder)
                .then()
                .body("", hasSize(2))
                .body("[0].returnedAt", nullValue())
                .body("[1].returnedAt", equalTo(t.plusSeconds(180).toString()));
        assertEquals(
                2,
                count(
                        "select count(*) from outbox_event where ce_type = 'reunion.notification-batch' "
                                + "and partition_key = ?",
                        elder));
        given().header("Authorization", g1)
                .get("/elders/{id}/positions", elder)
                .then()
                .body("", hasSize(6))
                .body("[0].recordedAt", equalTo(t.plusSeconds(240).toString()));
    }

    @Test
    void aPositionFromTheFutureIsNotTakenAndCannotSilenceLaterExits() throws Exception {
        String g = guardian("watcher-" + UUID.randomUUID());
        String locator = "loc-" + UUID.randomUUID();
        String elder = enrol(g, locator);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        positions(locator, new Object[] {INSIDE, LON, t.minusSeconds(120)}, new Object[] {
            INSIDE, LON, t.plus(Duration.ofDays(365))
        });
        assertEquals(1, count("select count(*) from elder_position where elder_id = cast(? as uuid)", elder));
        positions(locator, new Object[] {OUTSIDE, LON, t.minusSeconds(60)});
        given().header("Authorization", g)
                .get("/elders/{id}/alerts", elder)
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].leftAt", equalTo(t.minusSeconds(60).toString()));
    }

    /** Locators whose positions the purge test purged by moving the clock on (its own and those stored before). */
    private static final Set<String> AGED_LOCATORS = ConcurrentHashMap.newKeySet();

    @Test
    void positionsPastTheRetentionPeriodArePurged() throws Throwable {
        String g = guardian("carer-" + UUID.randomUUID());
        String locator = "loc-" + UUID.randomUUID();
        AGED_LOCATORS.add(locator);
        String elder = enrol(g, locator);
        pairedHoursAgo(elder, 30 * 24); // the locator was theirs for the whole retention period
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        positions(
                locator,
                new Object[] {OUTSIDE, LON, now.minus(Duration.ofDays(29))},
                new Object[] {INSIDE, LON, now.minus(Duration.ofDays(10))},
                new Object[] {INSIDE, LON, now.minus(Duration.ofDays(1))},
                // already past retention when it arrives: never stored
                new Object[] {INSIDE, LON, now.minus(Duration.ofDays(31))});
        assertEquals(3, count("select count(*) from elder_position where elder_id = cast(? as uuid)", elder));
        clock.set(now.plus(Duration.ofDays(2)));
        VertxContextSupport.subscribeAndAwait(elders::purge);
        assertEquals(2, count("select count(*) from elder_position where elder_id = cast(? as uuid)", elder));
        assertEquals(
                0,
                count(
                        "select count(*) from elder_alert where elder_id = cast(? as uuid) "
                                + "and latitude is not null",
                        elder),
                "the exit 29 days before is older than 30 days now");
        given().header("Authorization", g)
                .get("/elders/{id}/alerts", elder)
                .then()
                .body("", hasSize(1))
                .body("[0].latitude", nullValue())
                .body("[0].leftAt", notNullValue());
        // forty days on, every position stored so far (other tests' too) is past retention: none comes back
        AGED_LOCATORS.addAll(
                strings("select distinct e.locator_id from elder e " + "join elder_position p on p.elder_id = e.id"));
        clock.set(now.plus(Duration.ofDays(40)));
        VertxContextSupport.subscribeAndAwait(elders::purge);
        assertEquals(0, count("select count(*) from elder_position where elder_id = cast(? as uuid)", elder));
    }

    @Test
    void anAgencySeesWhereThePersonWasWhenEscalatedAndOnlyUntilTheEscalationExpires() throws Exception {
        String g = guardian("daughter-" + UUID.randomUUID());
        String locator = "loc-" + UUID.randomUUID();
        String elder = enrol(g, locator);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(20));
        positions(locator, new Object[] {INSIDE, LON, t}, new Object[] {OUTSIDE, LON, t.plusSeconds(60)});
        String agency = "psb-" + UUID.randomUUID();
        Instant escalatedAt = Instant.now();
        String escalation = given().header("Authorization", g)
                .contentType(ContentType.JSON)
                .body(Map.of("agencyId", agency))
                .post("/elders/{id}/escalations", elder)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // she walks home: her guardians see it, the agency keeps what the guardian reported
        positions(locator, new Object[] {INSIDE, LON, t.plusSeconds(600)});
        given().header("Authorization", g)
                .get("/elders/{id}/positions", elder)
                .then()
                .body("[0].latitude", equalTo((float) INSIDE));
        String officer = police("officer-w", agency);
        Instant expiresAt = Instant.parse(given().header("Authorization", officer)
                .get("/escalations")
                .then()
                .statusCode(200)
                .body("id", contains(escalation))
                .body("[0].lastKnown.latitude", equalTo((float) OUTSIDE))
                .body("[0].lastKnown.recordedAt", equalTo(t.plusSeconds(60).toString()))
                .body("[0].leftZoneAt", equalTo(t.plusSeconds(60).toString()))
                .extract()
                .path("[0].expiresAt"));
        assertEquals(
                Duration.ofHours(72).toSeconds(),
                Duration.between(escalatedAt, expiresAt).toSeconds(),
                5);
        // 72 hours pass for this escalation (moving the service's clock would let the scheduled purge age the
        // positions of other tests)
        ServiceDb.query(
                "update escalation set expires_at = now() where id = cast(? as uuid) " + "returning id", escalation);
        given().header("Authorization", officer)
                .get("/escalations")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("sex", "FEMALE", "contact", "PSB 110"))
                .post("/escalations/{id}/case", escalation)
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("detail", Matchers.containsString("expired"));
        assertEquals(0, count("select count(*) from missing_case where agency_id = ?", agency));
    }

    @Test
    void aGuardianEscalatesAndTheAgencyPublishesACaseFromIt() {
        String g = guardian("grandson-" + UUID.randomUUID());
        String locator = "loc-" + UUID.randomUUID();
        String elder = enrol(g, locator);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
        positions(locator, new Object[] {INSIDE, LON, t}, new Object[] {OUTSIDE, LON, t.plusSeconds(60)});
        String agency = "psb-" + UUID.randomUUID();
        String escalation = given().header("Authorization", g)
                .contentType(ContentType.JSON)
                .body(Map.of("agencyId", agency, "note", "Not home since lunch"))
                .post("/elders/{id}/escalations", elder)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String officer = police("officer-z", agency);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        Map<String, Object> before = given().queryParam("from", today)
                .queryParam("to", tomorrow)
                .get("/statistics")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        given().header("Authorization", police("officer-y", "another-psb"))
                .get("/escalations")
                .then()
                .body("id", Matchers.not(Matchers.hasItem(escalation)));
        given().header("Authorization", officer)
                .get("/escalations")
                .then()
                .statusCode(200)
                .body("id", contains(escalation))
                .body("[0].name", equalTo("Zhang Lan"))
                .body("[0].lastKnown.latitude", equalTo((float) OUTSIDE))
                .body("[0].leftZoneAt", equalTo(t.plusSeconds(60).toString()));
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("sex", "FEMALE", "contact", "PSB 110"))
                .post("/escalations/{id}/case", escalation)
                .then()
                .statusCode(201)
                .body("name", equalTo("Zhang Lan"))
                .body("latitude", equalTo((float) OUTSIDE))
                .body("description", nullValue()) // her condition (Alzheimer's) stays with her guardians
                .body("lostAt", equalTo(t.plusSeconds(60).toString()))
                .body("agencyId", equalTo(agency));
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("sex", "FEMALE", "contact", "PSB 110"))
                .post("/escalations/{id}/case", escalation)
                .then()
                .statusCode(409);
        given().header("Authorization", police("officer-y", "another-psb"))
                .contentType(ContentType.JSON)
                .body(Map.of("sex", "FEMALE", "contact", "PSB 110"))
                .post("/escalations/{id}/case", escalation)
                .then()
                .statusCode(404);
        given().header("Authorization", officer).get("/escalations").then().body("[0].caseId", notNullValue());
        // an elder's case is counted with the elders, not with the missing children
        JsonPath after = given().queryParam("from", today)
                .queryParam("to", tomorrow)
                .get("/statistics")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(before.get("total"), after.getMap("total"));
        assertEquals(
                (Integer) ((Map<?, ?>) before.get("elders")).get("published") + 1, after.getInt("elders.published"));
        assertEquals((Integer) ((Map<?, ?>) before.get("elders")).get("open") + 1, after.getInt("elders.open"));
    }

    @Test
    void dnaCollectionPointsAreFoundByDistance() {
        String admin = "Bearer " + GongyiTestInfrastructure.bearer("root", "admin");
        double lat = -10;
        double lon = -150;
        for (double km : new double[] {80, 5, 30}) {
            given().header("Authorization", admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "name",
                            "Point " + (int) km,
                            "address",
                            "Road " + (int) km,
                            "phone",
                            "110",
                            "openingHours",
                            "Mon-Fri 9-17",
                            "latitude",
                            lat + km / Fixtures.KM_PER_DEGREE,
                            "longitude",
                            lon))
                    .post("/dna-points")
                    .then()
                    .statusCode(201);
        }
        given().queryParam("lat", lat)
                .queryParam("lon", lon)
                .get("/dna-points")
                .then()
                .statusCode(200)
                .body("name", contains("Point 5", "Point 30"))
                .body("[0].distanceKm", equalTo(5.0f));
        given().queryParam("lat", lat)
                .queryParam("lon", lon)
                .queryParam("radiusKm", 100)
                .get("/dna-points")
                .then()
                .body("name", contains("Point 5", "Point 30", "Point 80"));
        given().queryParam("lat", lat)
                .queryParam("lon", lon)
                .queryParam("radiusKm", 1)
                .get("/dna-points")
                .then()
                .body("", empty());
    }

    /** Runs last: everything this service consumed so far, delivered again in reverse order, changes nothing. */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void anAuditorsReplayRebuildsTheSameZoneStatesAndFindsARowAlteredByHand() throws Exception {
        String g = guardian("audited-carer-" + UUID.randomUUID());
        device(g);
        String locator = "loc-" + UUID.randomUUID();
        String elder = enrol(g, locator);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        positions(locator, new Object[] {INSIDE, LON, t}, new Object[] {OUTSIDE, LON, t.plusSeconds(60)}, new Object[] {
            INSIDE, LON, t.plusSeconds(120)
        });
        given().header("Authorization", g).get("/elders/{id}", elder).then().body("zoneState", equalTo("INSIDE"));
        // the stored positions and the exit alert name the position events they came from: the alert the one out
        // and the one back, the elder's zone state the latest
        assertEquals(
                0,
                count(
                        "select count(*) from elder_position where elder_id = cast(? as uuid) "
                                + "and source_event_id is null",
                        elder));
        assertEquals(
                1,
                count(
                        "select count(*) from elder_alert a join elder_position p on p.elder_id = a.elder_id "
                                + "and p.recorded_at = a.left_at and p.source_event_id = a.source_event_id "
                                + "where a.elder_id = cast(? as uuid)",
                        elder));
        assertEquals(
                1,
                count(
                        "select count(*) from elder_alert a join elder_position p on p.elder_id = a.elder_id "
                                + "and p.recorded_at = a.returned_at and p.source_event_id = a.returned_event_id "
                                + "join elder e on e.id = a.elder_id and e.last_event_id = a.returned_event_id "
                                + "where a.elder_id = cast(? as uuid)",
                        elder));
        AuditReplays.assertFindsOnlyARowAlteredByHand(
                "update elder set zone_state = 'OUTSIDE' where id = '" + elder + "'",
                "update elder set zone_state = 'INSIDE' where id = '" + elder + "'",
                Map.of("elder zone states", Map.of("elder", elder)));
        // what the replays copied and rebuilt (elders, guardians, devices, positions) is not kept after them
        List<String> shadowTables = strings("select tablename from pg_tables where schemaname = 'reunion_audit'");
        assertTrue(
                shadowTables.containsAll(List.of("elder", "elder_guardian", "device", "elder_position")),
                shadowTables.toString());
        for (String table : shadowTables) {
            assertEquals(0, count("select count(*) from reunion_audit." + table), table);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyEventDeliveredAgainInReverseOrderChangesNothing() throws Exception {
        // not the positions the purge test aged: it moved the service's clock 40 days on and back, which time never
        // does
        Redelivery.assertChangesNothing(
                "reunion-service", r -> !AGED_LOCATORS.contains(r.key()), "reunion.locator-positions");
    }
}
