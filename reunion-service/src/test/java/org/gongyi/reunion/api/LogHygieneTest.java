package org.gongyi.reunion.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gongyi.events.Topic;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.ServiceDb;
import org.gongyi.reunion.Fixtures;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logs never carry tokens, phone numbers or exact locations: everything the service logs while it handles
 * sensitive requests (and rejects bad ones) is captured and searched for them. Every request is logged with its
 * request id, which its events carry too.
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reunion"))
class LogHygieneTest {

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            Object[] params = r.getParameters();
            StringBuilder b = new StringBuilder(String.valueOf(r.getMessage()));
            if (params != null) {
                for (Object p : params) {
                    b.append(' ').append(p);
                }
            }
            if (r.getThrown() != null) {
                b.append(' ').append(r.getThrown());
            }
            if (r instanceof ExtLogRecord e && e.getMdc("requestId") != null) {
                b.append(" [mdc requestId=").append(e.getMdc("requestId")).append(']');
            }
            logged.add(b.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void tokensPhoneNumbersAndExactLocationsStayOutOfTheLogs() throws Exception {
        String token = Fixtures.user("log-" + UUID.randomUUID());
        String officer = Fixtures.police("log-officer", "log-psb");
        String phone = "13912345678";
        double lat = 22.543217;
        double lon = 114.057868;
        given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "platform", "IOS", "pushToken", "apns:" + UUID.randomUUID(), "latitude", lat, "longitude", lon))
                .post("/devices")
                .then()
                .statusCode(201);
        String c = given().header("Authorization", officer)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Chen",
                        "age",
                        5,
                        "sex",
                        "FEMALE",
                        "latitude",
                        lat,
                        "longitude",
                        lon,
                        "lostAt",
                        Instant.now().minusSeconds(60).toString(),
                        "contact",
                        "Mother " + phone))
                .post("/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(Map.of("text", "Call me on " + phone, "latitude", lat, "longitude", lon))
                .post("/alerts/{id}/leads", c)
                .then()
                .statusCode(201);
        // rejected requests and a bad event log their rejection, not their content
        given().header("Authorization", token + "tampered")
                .get("/devices")
                .then()
                .statusCode(401);
        given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body("{\"text\":\"" + phone + "\",\"latitude\":" + lat + "}")
                .post("/alerts/{id}/leads", c)
                .then()
                .statusCode(400);
        KafkaTestClient.sendEvent(
                Topic.LOCATOR_POSITIONS.topicName(),
                "loc-log",
                "reunion.locator-position",
                "{\"locatorId\":\"loc-log\",\"latitude\":" + (lat + 100) + ",\"longitude\":" + lon
                        + ",\"recordedAt\":\"" + Instant.now() + "\"}");
        KafkaTestClient.readUntil(
                Topic.REUNION_DLQ.topicName(),
                Duration.ofSeconds(30),
                rs -> rs.stream().anyMatch(r -> "loc-log".equals(r.key())));
        // the last thing done is logged: the bad event's dead-lettering (the capture works)
        await().atMost(Duration.ofSeconds(30)).until(() -> logged.stream().anyMatch(l -> l.contains("dead-lettering")));

        String bare = token.substring("Bearer ".length());
        for (String line : logged) {
            assertTrue(!line.contains(bare.substring(bare.length() - 40)), "a token in the log: " + line);
            assertTrue(!line.contains(phone), "a phone number in the log: " + line);
            assertTrue(!line.contains("114.057868") && !line.contains("22.543217"), "a location in the log: " + line);
        }
    }

    @Test
    void aRequestIdTravelsFromTheRequestToItsLogLineAndItsEvents() throws Exception {
        String rid = "gw-" + UUID.randomUUID();
        // as the gateway forwards it: the client's host, scheme and path prefix, and the request id
        var created = given().header("Authorization", Fixtures.police("rid-officer", "rid-psb"))
                .header("X-Request-Id", rid)
                .header("X-Forwarded-Host", "gongyi.example")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Prefix", "/api/reunion")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Wang",
                        "age",
                        7,
                        "sex",
                        "MALE",
                        "latitude",
                        30.1,
                        "longitude",
                        120.1,
                        "lostAt",
                        Instant.now().minusSeconds(60).toString(),
                        "contact",
                        "Hangzhou PSB 110"))
                .post("/cases")
                .then()
                .statusCode(201)
                .header("X-Request-Id", rid)
                .extract();
        String c = created.path("id");
        assertEquals("https://gongyi.example/api/reunion/cases/" + c, created.header("Location"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> logged.stream()
                        .anyMatch(l -> l.contains("\"POST /api/reunion/cases HTTP/1.1\" 201")
                                && l.contains("requestId=" + rid)));
        // its event, in the outbox and on the topic
        assertEquals(
                List.of(rid),
                ServiceDb.strings(
                        "select request_id from outbox_event "
                                + "where ce_subject = ? and ce_type = 'reunion.alert-published'",
                        c));
        var read = KafkaTestClient.readUntil(
                Topic.REUNION_ALERTS.topicName(),
                Duration.ofSeconds(30),
                rs -> rs.stream().anyMatch(r -> c.equals(r.key())));
        assertEquals(
                rid,
                KafkaTestClient.header(
                        read.stream().filter(r -> c.equals(r.key())).findFirst().orElseThrow(), "ce_requestid"));

        // none, or one that cannot be logged safely: the service names the request itself
        for (String unusable : new String[] {null, "two words", "x".repeat(129), "a\u00e9"}) {
            var request = given();
            if (unusable != null) {
                request.header("X-Request-Id", unusable);
            }
            String given =
                    request.get("/q/openapi").then().statusCode(200).extract().header("X-Request-Id");
            assertEquals(UUID.fromString(given).toString(), given);
        }
    }
}
