package org.gongyi.reunion.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gongyi.events.Topic;
import org.gongyi.infra.test.AuditReplays;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.ServiceDb;
import org.gongyi.infra.test.TestClock;
import org.gongyi.reunion.Fixtures;
import org.gongyi.reunion.service.AlertPusher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gongyi.infra.test.ServiceDb.count;
import static org.gongyi.infra.test.ServiceDb.strings;
import static org.gongyi.reunion.Fixtures.deviceNorthOf;
import static org.gongyi.reunion.Fixtures.police;
import static org.gongyi.reunion.Fixtures.publish;
import static org.gongyi.reunion.Fixtures.pushDue;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publication → pushes widening with time → closure, against the real database (devices read by cell) and the
 * real broker, with the service's clock moved. Each test works around its own spot on the globe.
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reunion"))
class AlertPushTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestClock clock;

    @Inject
    AlertPusher pusher;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Devices 50, 150, 250, 400 and 600 km north of the point. */
    private static Map<Integer, String> ring(double lat, double lon) {
        Map<Integer, String> devices = new HashMap<>();
        for (int km : new int[] {50, 150, 250, 400, 600}) {
            devices.put(km, deviceNorthOf(lat, lon, km));
        }
        return devices;
    }

    /** The devices the case's alert was pushed to, each once (a repeat fails). */
    private static Set<String> delivered(String caseId) throws Exception {
        List<String> pushed = recipients(caseId, "ALERT");
        Set<String> once = new TreeSet<>(pushed);
        assertEquals(pushed.size(), once.size(), "a device notified twice: " + pushed);
        return once;
    }

    /** The radius of the push that reached each recipient of the case's alert, in order. */
    private static List<Integer> radii(String caseId) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (String payload : strings(
                "select payload from outbox_event where ce_type = 'reunion.notification-batch' "
                        + "and partition_key = ? order by id",
                caseId)) {
            JsonNode batch = JSON.readTree(payload);
            if ("ALERT".equals(batch.get("kind").asText())) {
                batch.get("recipients")
                        .forEach(r -> out.add(batch.get("radiusKm").asInt()));
            }
        }
        return out.stream().sorted().toList();
    }

    private static Set<String> devices(Map<Integer, String> ring, int... km) {
        Set<String> out = new TreeSet<>();
        for (int k : km) {
            out.add(ring.get(k));
        }
        return out;
    }

    /** Every recipient of the case's batches of one kind, in the outbox, with repeats. */
    private static List<String> recipients(String caseId, String kind) throws Exception {
        List<String> out = new ArrayList<>();
        for (String payload : strings(
                "select payload from outbox_event where ce_type = 'reunion.notification-batch' "
                        + "and partition_key = ? order by id",
                caseId)) {
            JsonNode batch = JSON.readTree(payload);
            if (kind.equals(batch.get("kind").asText())) {
                batch.get("recipients").forEach(r -> out.add(r.get("deviceId").asText()));
            }
        }
        return out;
    }

    @Test
    void aPushToManyDevicesLeavesInBatchesOf500EachRecipientWithItsOwnToken() throws Throwable {
        String owner = "bulk-" + UUID.randomUUID();
        // 1,100 devices on a 1 km grid within 45 km of a point no other test uses (the API would take 1,100 requests)
        assertEquals(
                1100,
                ServiceDb.query(
                                "insert into device (id, owner_id, platform, push_token, latitude, "
                                        + "longitude, pos, registered_at, located_at) select gen_random_uuid(), ?, case when g % 2 = 0 "
                                        + "then 'IOS' else 'ANDROID' end, ? || '-' || g, lat, lon, ll_to_earth(lat, lon), now(), now() "
                                        + "from generate_series(0, 1099) g, lateral (select -62.25 + (g % 34) * 0.01 as lat, "
                                        + "47.75 + (g / 34) * 0.01 as lon) l returning id",
                                owner, owner)
                        .size());
        Map<String, String> expected = new HashMap<>();
        for (List<Object> d : ServiceDb.query(
                "select cast(id as text), platform || ' ' || push_token from device " + "where owner_id = ?", owner)) {
            expected.put((String) d.get(0), (String) d.get(1));
        }
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String c = publish(
                police("officer-b", "zz-psb"), -62.25, 47.75, clock.instant().minusSeconds(60));
        pushDue(pusher);

        List<Integer> sizes = new ArrayList<>();
        Map<String, String> pushed = new HashMap<>();
        for (String payload : strings(
                "select payload from outbox_event where ce_type = 'reunion.notification-batch' "
                        + "and partition_key = ?",
                c)) {
            JsonNode batch = JSON.readTree(payload);
            sizes.add(batch.get("recipients").size());
            batch.get("recipients")
                    .forEach(r -> assertEquals(
                            null,
                            pushed.put(
                                    r.get("deviceId").asText(),
                                    r.get("platform").asText() + " "
                                            + r.get("pushToken").asText()),
                            "each device once"));
        }
        assertEquals(List.of(100, 500, 500), sizes.stream().sorted().toList());
        assertEquals(expected, pushed);
        assertEquals(1100, count("select devices_reached from missing_case where id = cast(? as uuid)", c));
        assertEquals(0, count("select count(*) from alert_delivery where case_id = cast(? as uuid)", c));

        // what a push reads, counted alone (the fan-out benchmark's reference): the whole disc, and a ring checked
        // device by device against the distances PostgreSQL gives
        UUID id = UUID.fromString(c);
        assertEquals(1100L, VertxContextSupport.subscribeAndAwait(() -> pusher.devicesInRing(id, 0, 100)));
        long between10And20Km = count(
                "select count(*) from device where owner_id = ? and earth_distance(ll_to_earth(-62.25, 47.75), "
                        + "ll_to_earth(latitude, longitude)) between 10000.000001 and 20000",
                owner);
        assertTrue(between10And20Km > 100 && between10And20Km < 1000, "a ring inside the grid: " + between10And20Km);
        assertEquals(between10And20Km, VertxContextSupport.subscribeAndAwait(() -> pusher.devicesInRing(id, 10, 20)));
        assertEquals(
                null, VertxContextSupport.subscribeAndAwait(() -> pusher.devicesInRing(UUID.randomUUID(), 0, 100)));
    }

    @Test
    void theRadiusWidensWithTimeSinceTheLossAndNoDeviceIsNotifiedTwice() throws Throwable {
        double lat = 10;
        double lon = 20;
        Map<Integer, String> ring = ring(lat, lon);
        Instant lost = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
        clock.set(lost.plus(Duration.ofMinutes(10)));
        String c = publish(police("officer-1", "zz-psb"), lat, lon, lost);

        pushDue(pusher);
        assertEquals(devices(ring, 50), delivered(c), "at publication: 100 km");
        given().header("Authorization", police("officer-1", "zz-psb"))
                .get("/cases/{id}", c)
                .then()
                .body("radiusKm", equalTo(100));

        clock.set(lost.plus(Duration.ofHours(1)));
        pushDue(pusher);
        assertEquals(devices(ring, 50), delivered(c));

        clock.set(lost.plus(Duration.ofHours(1)).plusSeconds(1));
        pushDue(pusher);
        assertEquals(devices(ring, 50, 150), delivered(c), "after 1 h: 200 km");
        clock.set(lost.plus(Duration.ofHours(2)).plusSeconds(1));
        pushDue(pusher);
        assertEquals(devices(ring, 50, 150, 250), delivered(c), "after 2 h: 300 km");
        clock.set(lost.plus(Duration.ofHours(3)).plusSeconds(1));
        pushDue(pusher);
        assertEquals(devices(ring, 50, 150, 250, 400), delivered(c), "after 3 h: 500 km");
        clock.set(lost.plus(Duration.ofHours(30)));
        pushDue(pusher);

        assertEquals(List.of(100, 200, 300, 500), radii(c));
        List<String> pushed = recipients(c, "ALERT");
        assertEquals(4, pushed.size(), "each device in exactly one batch: " + pushed);
        assertEquals(devices(ring, 50, 150, 250, 400), new TreeSet<>(pushed));

        // the batches reached the push topic as CloudEvents keyed by the case
        List<ConsumerRecord<String, String>> read = KafkaTestClient.readUntil(
                Topic.REUNION_PUSH.topicName(),
                Duration.ofSeconds(20),
                rs -> rs.stream().filter(r -> c.equals(r.key())).count() >= 4);
        assertEquals(4, read.stream().filter(r -> c.equals(r.key())).count());
        assertTrue(read.stream()
                .filter(r -> c.equals(r.key()))
                .allMatch(r -> "reunion.notification-batch".equals(KafkaTestClient.header(r, "ce_type"))));
    }

    @Test
    void aCasePublishedFiveHoursAfterTheLossStartsAtFiveHundredKilometres() throws Throwable {
        double lat = 10;
        double lon = 40;
        Map<Integer, String> ring = ring(lat, lon);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        String c = publish(police("officer-2", "zz-psb"), lat, lon, now.minus(Duration.ofHours(5)));
        pushDue(pusher);
        assertEquals(devices(ring, 50, 150, 250, 400), delivered(c));
        assertEquals(List.of(500, 500, 500, 500), radii(c));
        assertEquals(
                0,
                count("select count(*) from missing_case where id = cast(? as uuid) and next_push_at is not null", c));
        clock.set(now.plus(Duration.ofHours(1)));
        pushDue(pusher);
    }

    @Test
    void theClosureReachesEveryDeviceThatGotTheAlertAndWideningStops() throws Throwable {
        double lat = 10;
        double lon = 60;
        Map<Integer, String> ring = ring(lat, lon);
        Instant lost = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(90));
        clock.set(lost.plus(Duration.ofMinutes(90)));
        String officer = police("officer-3", "zz-psb");
        String c = publish(officer, lat, lon, lost);
        pushDue(pusher);
        assertEquals(devices(ring, 50, 150), delivered(c), "90 min after the loss: 200 km");

        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("closure", "FOUND"))
                .post("/cases/{id}/close", c)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", police("officer-9", "other-psb"))
                .contentType(ContentType.JSON)
                .body(Map.of("closure", "FOUND", "outcome", "RESCUED"))
                .post("/cases/{id}/close", c)
                .then()
                .statusCode(404);
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("closure", "FOUND", "outcome", "RESCUED"))
                .post("/cases/{id}/close", c)
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("outcome", equalTo("RESCUED"));
        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("closure", "FALSE_REPORT"))
                .post("/cases/{id}/close", c)
                .then()
                .statusCode(409);

        clock.set(lost.plus(Duration.ofHours(4)));
        pushDue(pusher);
        assertEquals(devices(ring, 50, 150), new TreeSet<>(recipients(c, "ALERT_CLOSED")));
        assertEquals(2, recipients(c, "ALERT_CLOSED").size());
        assertEquals(devices(ring, 50, 150), delivered(c), "a closed case reaches no one new");
        pushDue(pusher);
        assertEquals(2, recipients(c, "ALERT_CLOSED").size(), "the closure is pushed once");

        List<ConsumerRecord<String, String>> read = KafkaTestClient.readUntil(
                Topic.REUNION_ALERTS.topicName(),
                Duration.ofSeconds(20),
                rs -> rs.stream().filter(r -> c.equals(r.key())).count() >= 2);
        assertEquals(
                List.of("reunion.alert-published", "reunion.alert-closed"),
                read.stream()
                        .filter(r -> c.equals(r.key()))
                        .map(r -> KafkaTestClient.header(r, "ce_type"))
                        .toList());
        // an auditor's replay checks each case against its published alert events
        AuditReplays.assertFindsOnlyARowAlteredByHand(
                "update missing_case set outcome = 'OTHER' where id = '" + c + "'",
                "update missing_case set outcome = 'RESCUED' where id = '" + c + "'",
                Map.of("cases from published events", Map.of("case_id", c)));
    }

    /** Moves the owner's device to {@code km} north of the point. */
    private static void move(String owner, String device, double lat, double lon, double km) {
        given().header("Authorization", owner)
                .contentType(ContentType.JSON)
                .body(Map.of("latitude", lat + km / Fixtures.KM_PER_DEGREE, "longitude", lon))
                .put("/devices/{id}/location", device)
                .then()
                .statusCode(200);
    }

    /**
     * Devices move between pushes (issue #34: what a case reached is its last push's snapshot and radius, not a row
     * per device): one reached at 50 km that moves into the next ring is not notified again, and still hears of the
     * closure; one 400 km away that moves into the reached disc, and one registered there after the push, are notified
     * at the next widening, once; the closure reaches exactly the devices the alert did.
     */
    @Test
    void devicesThatMoveBetweenPushesAreNotifiedOnceAndAllHearOfTheClosure() throws Throwable {
        double lat = 20;
        double lon = 20;
        Map<Integer, String> ring = ring(lat, lon);
        String wanderer = Fixtures.user("wanderer-" + UUID.randomUUID());
        String away = Fixtures.device(wanderer, lat + 50 / Fixtures.KM_PER_DEGREE, lon);
        String returner = Fixtures.user("returner-" + UUID.randomUUID());
        String back = Fixtures.device(returner, lat + 400 / Fixtures.KM_PER_DEGREE, lon);
        Instant lost = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
        clock.set(lost.plus(Duration.ofMinutes(10)));
        String officer = police("officer-5", "zz-psb");
        String c = publish(officer, lat, lon, lost);
        pushDue(pusher);
        assertEquals(plus(devices(ring, 50), away), delivered(c), "at publication: 100 km");

        move(wanderer, away, lat, lon, 150); // reached at 50 km, now in the ring the widening adds
        move(returner, back, lat, lon, 30); // never reached, now inside the disc already pushed
        String late = deviceNorthOf(lat, lon, 60); // registered inside the pushed disc after the push
        assertEquals(
                1, count("select count(*) from alert_delivery where case_id = cast(? as uuid)", c), "kept: the mover");

        clock.set(lost.plus(Duration.ofHours(1)).plusSeconds(1));
        pushDue(pusher);
        assertEquals(
                plus(devices(ring, 50, 150), away, back, late), delivered(c), "after 1 h: 200 km, each device once");
        assertEquals(List.of(100, 100, 200, 200, 200), radii(c));
        clock.set(lost.plus(Duration.ofHours(2)).plusSeconds(1));
        pushDue(pusher);
        assertEquals(plus(devices(ring, 50, 150, 250), away, back, late), delivered(c), "after 2 h: 300 km, once");

        given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of("closure", "FOUND", "outcome", "RESCUED"))
                .post("/cases/{id}/close", c)
                .then()
                .statusCode(200);
        move(wanderer, away, lat, lon, 900); // far away now: it got the alert, so it hears the news
        clock.set(lost.plus(Duration.ofHours(2)).plusSeconds(2));
        pushDue(pusher);
        List<String> closure = recipients(c, "ALERT_CLOSED");
        assertEquals(delivered(c), new TreeSet<>(closure));
        assertEquals(6, closure.size(), "each device told once: " + closure);
        // told: what the case reached is no longer kept (the mover's row went with the closure's push)
        assertEquals(0, count("select count(*) from alert_delivery where case_id = cast(? as uuid)", c));
    }

    /**
     * A device is put somewhere only once the pushes in progress near that place have committed (issue #34): while a
     * push holds its case (here a transaction holding the lock a push holds), registering a device within 500 km of it
     * waits; far away it does not; once the push commits, the registration goes through.
     */
    @Test
    void aDevicePutNearACaseBeingPushedWaitsForThePush() throws Throwable {
        double lat = 30;
        double lon = 20;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        String c = publish(police("officer-6", "zz-psb"), lat, lon, now.minusSeconds(60));
        try (Connection push = GongyiTestInfrastructure.serviceConnection()) {
            push.setAutoCommit(false);
            try (PreparedStatement lock =
                    push.prepareStatement("select id from missing_case where id = cast(? as uuid) for update")) {
                lock.setString(1, c);
                lock.executeQuery().close();
            }
            // far away: not held up
            deviceNorthOf(lat, lon, 800);
            CompletableFuture<String> near = CompletableFuture.supplyAsync(() -> deviceNorthOf(lat, lon, 120));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> count("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                                    + "and query like '%for share of m%'")
                            == 1);
            assertTrue(!near.isDone(), "the registration went through while the case was being pushed");
            push.commit();
            assertTrue(near.get(20, TimeUnit.SECONDS).length() > 0);
        }
    }

    private static Set<String> plus(Set<String> devices, String... more) {
        Set<String> out = new TreeSet<>(devices);
        out.addAll(List.of(more));
        return out;
    }

    @Test
    void theAlertsNearMeAreTheRecentOnesWhoseReachCoversMe() throws Throwable {
        double lat = 10;
        double lon = 100;
        Instant lost = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(20));
        clock.set(lost.plus(Duration.ofMinutes(20)));
        String c = publish(police("officer-4", "zz-psb"), lat, lon, lost);
        pushDue(pusher);
        // readers about 80 km and 150 km north, at their cells' centres (0.01°: distances are from there)
        double near = lat + 0.72;
        double far = lat + 1.35;
        given().queryParam("lat", near)
                .queryParam("lon", lon)
                .get("/alerts")
                .then()
                .statusCode(200)
                .body("caseId", Matchers.contains(c))
                .body("[0].distanceKm", equalTo((float) (Math.round(0.72 * Fixtures.KM_PER_DEGREE * 10) / 10.0)))
                .body("[0].name", equalTo("Li Ming"))
                .body("[0]", Matchers.not(Matchers.hasKey("officerId")));
        given().queryParam("lat", far)
                .queryParam("lon", lon)
                .get("/alerts")
                .then()
                .body("caseId", Matchers.not(Matchers.hasItem(c)));
        clock.set(lost.plus(Duration.ofHours(1)).plusSeconds(5));
        pushDue(pusher);
        given().queryParam("lat", far)
                .queryParam("lon", lon)
                .get("/alerts")
                .then()
                .body("caseId", Matchers.hasItem(c));
        // after three days the alert is no longer public
        clock.set(lost.plus(Duration.ofDays(3)).plus(Duration.ofHours(1)));
        given().queryParam("lat", near)
                .queryParam("lon", lon)
                .get("/alerts")
                .then()
                .body("caseId", Matchers.not(Matchers.hasItem(c)));
        given().get("/alerts/{id}", c).then().statusCode(404);
        given().get("/alerts/{id}", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }
}
