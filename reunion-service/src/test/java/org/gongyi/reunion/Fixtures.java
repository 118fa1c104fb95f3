package org.gongyi.reunion;

import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import org.gongyi.events.Topic;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.ServiceDb;
import org.gongyi.reunion.service.AlertPusher;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Test helpers: tokens, cases, devices at known distances, and the service's tables. */
public final class Fixtures {
    private Fixtures() {}

    /** Kilometres per degree of latitude on earthdistance's sphere (radius 6,378,168 m). */
    public static final double KM_PER_DEGREE = 6378.168 * Math.PI / 180;

    public static String police(String officer, String agency) {
        return "Bearer "
                + GongyiTestInfrastructure.tokens()
                        .token(officer, List.of("police"), Duration.ofHours(1), Map.of("org", agency));
    }

    public static String user(String subject) {
        return "Bearer " + GongyiTestInfrastructure.bearer(subject, "user");
    }

    /** Registers a device of a new user {@code km} north of the point; returns its id. */
    public static String deviceNorthOf(double lat, double lon, double km) {
        return device(user("owner-" + UUID.randomUUID()), lat + km / KM_PER_DEGREE, lon);
    }

    /** Registers a device of the user whose bearer header is {@code owner}, at the point; returns its id. */
    public static String device(String owner, double lat, double lon) {
        return given().header("Authorization", owner)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "platform",
                        "ANDROID",
                        "pushToken",
                        "fcm:" + UUID.randomUUID(),
                        "latitude",
                        lat,
                        "longitude",
                        lon))
                .post("/devices")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static String publish(String police, double lat, double lon, Instant lostAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Li Ming");
        body.put("age", 6);
        body.put("sex", "MALE");
        body.put("photoUrl", "https://img.example.org/li-ming.jpg");
        body.put("description", "Blue jacket, red shoes");
        body.put("latitude", lat);
        body.put("longitude", lon);
        body.put("lostAt", lostAt.toString());
        body.put("contact", "Zhengzhou PSB 0371-110");
        return given().header("Authorization", police)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Runs the pusher as the scheduler would (on a Vert.x context); returns how many cases it pushed. */
    public static int pushDue(AlertPusher pusher) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(pusher::pushDue);
    }

    /** The activation code the test locators are registered with. */
    public static final String ACTIVATION_CODE = "box-code-2718";

    public static String admin() {
        return "Bearer " + GongyiTestInfrastructure.bearer("locator-gateway", "admin");
    }

    /** Registers a locator with {@link #ACTIVATION_CODE}, as its gateway would; returns its id. */
    public static String registerLocator(String locatorId) {
        given().header("Authorization", admin())
                .contentType(ContentType.JSON)
                .body(Map.of("activationCode", ACTIVATION_CODE))
                .put("/locators/{id}", locatorId)
                .then()
                .statusCode(204);
        return locatorId;
    }

    /** The code last pushed to a device for a new owner to claim it (as the device would show it). */
    public static String pushedCode(String deviceId) {
        try {
            List<String> payloads = ServiceDb.strings(
                    "select payload from outbox_event "
                            + "where ce_type = 'reunion.notification-batch' and cast(payload as jsonb) ->> 'kind' = "
                            + "'DEVICE_VERIFICATION' and cast(payload as jsonb) ->> 'subjectId' = ? order by id desc limit 1",
                    deviceId);
            Matcher m = Pattern.compile("Code (\\d{6})").matcher(payloads.get(0));
            if (!m.find()) {
                throw new AssertionError("no code in " + payloads.get(0));
            }
            return m.group(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String guardian(String subject) {
        return "Bearer " + GongyiTestInfrastructure.bearer(subject, "guardian");
    }

    /** Sends locator positions (in order, keyed by locator) and waits until the service processed them all. */
    public static void positions(String locator, Object[]... latLonAt) {
        List<KafkaTestClient.Event> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Object[] p : latLonAt) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            events.add(new KafkaTestClient.Event(
                    locator,
                    "reunion.locator-position",
                    id,
                    "{\"locatorId\":\"%s\",\"latitude\":%s,\"longitude\":%s,\"recordedAt\":\"%s\"}"
                            .formatted(locator, p[0], p[1], p[2])));
        }
        KafkaTestClient.sendEvents(Topic.LOCATOR_POSITIONS.topicName(), events);
        ServiceDb.awaitProcessed(ids);
    }
}
