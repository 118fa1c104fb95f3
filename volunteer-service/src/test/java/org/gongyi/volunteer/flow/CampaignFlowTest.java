package org.gongyi.volunteer.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventType;
import org.gongyi.events.Topic;
import org.gongyi.events.contract.ParticipationCounted;
import org.gongyi.infra.test.AuditReplays;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.Parallel;
import org.gongyi.infra.test.ServiceDb;
import org.gongyi.infra.test.TestClock;
import org.gongyi.volunteer.Fixtures;
import org.gongyi.volunteer.domain.WelfareTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A campaign (9.5 Charity Week, issue #32) counts exactly the participations inside its window, each fact once, from
 * the other services' events and this service's own sign-ups and pledges, against the real broker and database; the
 * audit replay makes the same counter again from the events.
 */
@QuarkusTest
@WithTestResource(
        value = GongyiTestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "volunteer"))
class CampaignFlowTest {

    static final String ADMIN = "Bearer " + GongyiTestInfrastructure.bearer("admin-1", "admin");

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String define(LocalDateTime start, LocalDateTime end, List<String> actions, long goal) {
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "9.5 Charity Week " + UUID.randomUUID(),
                        "start",
                        start.toString(),
                        "end",
                        end.toString(),
                        "actions",
                        actions,
                        "goal",
                        goal))
                .post("/campaigns")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String donation(String buyer, String donationId, String province, Instant completedAt) {
        return """
                {"donationId":"%s","orderId":"o-%s","itemId":"i-1","buyerId":"%s","sellerId":"s-1","projectId":"p-1",
                 "province":"%s","paidFen":19900,"amountFen":60,"rule":{"type":"PERCENTAGE","basisPoints":30,"fixedFen":null},
                 "completedAt":"%s","recordedAt":"%s"}""".formatted(donationId, donationId, buyer, province, completedAt, completedAt);
    }

    /** The donation, as a lucky bag of the campaign made it. */
    static String sponsored(String donation, String campaign) {
        return donation.replace(
                "\"rule\":{\"type\":\"PERCENTAGE\",\"basisPoints\":30,\"fixedFen\":null}",
                "\"rule\":null,\"sponsored\":{\"sponsorId\":\"sponsor-1\",\"poolId\":\"%s\",\"campaignId\":\"%s\"}"
                        .formatted(UUID.randomUUID(), campaign));
    }

    static String tree(String user, String certificate, Instant plantedAt) {
        return """
                {"userId":"%s","certificateNo":"%s","speciesCode":"SAXAUL","projectId":"alxa","region":"Alxa",
                 "energyGrams":17900,"plantedAt":"%s","sharedWith":null}""".formatted(user, certificate, plantedAt);
    }

    static String energy(String user, String ball, Instant creditedAt) {
        return """
                {"userId":"%s","ballId":"%s","actionType":"WALKING","grams":240,"sourceRef":"steps-%s",
                 "ripensAt":"%s","expiresAt":"%s","creditedAt":"%s"}""".formatted(user, ball, ball, creditedAt, creditedAt.plus(Duration.ofDays(3)), creditedAt);
    }

    static void send(Topic topic, String key, String type, String json) {
        String id = UUID.randomUUID().toString();
        KafkaTestClient.sendEvents(topic.topicName(), List.of(new KafkaTestClient.Event(key, type, id, json)));
        ServiceDb.awaitProcessed(List.of(id));
    }

    @Test
    void countsExactlyTheParticipationsInsideItsWindowEachFactOnce() throws Exception {
        LocalDateTime start = LocalDateTime.now(ChinaTime.ZONE).plusMinutes(2).truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime end = start.plusHours(1);
        Instant startsAt = start.atZone(ChinaTime.ZONE).toInstant();
        Instant endsAt = end.atZone(ChinaTime.ZONE).toInstant();
        String campaign = define(start, end, List.of("DONATION", "TREE_PLANTED", "SIGN_UP", "LEAD"), 10);
        String a = "buyer-a-" + UUID.randomUUID();
        String b = "buyer-b-" + UUID.randomUUID();
        String c = "volunteer-c-" + UUID.randomUUID();

        // the boundaries: a microsecond before the start and the end itself are outside
        send(
                Topic.DONATION_EVENTS,
                a,
                "donation.recorded",
                donation(a, "d-early-" + a, "Zhejiang", startsAt.minus(1, ChronoUnit.MICROS)));
        send(Topic.DONATION_EVENTS, a, "donation.recorded", donation(a, "d-start-" + a, "Zhejiang", startsAt));
        send(
                Topic.DONATION_EVENTS,
                b,
                "donation.recorded",
                donation(b, "d-last-" + b, "Gansu", endsAt.minus(1, ChronoUnit.MICROS)));
        send(Topic.DONATION_EVENTS, b, "donation.recorded", donation(b, "d-end-" + b, "Gansu", endsAt));
        // the same donation again under a new event id counts once
        send(Topic.DONATION_EVENTS, a, "donation.recorded", donation(a, "d-start-" + a, "Zhejiang", startsAt));
        // a tree counts; energy is not one of this campaign's actions
        send(
                Topic.FOREST_EVENTS,
                a,
                "forest.tree-planted",
                tree(a, "NO.CW-" + UUID.randomUUID(), startsAt.plus(Duration.ofMinutes(10))));
        send(
                Topic.FOREST_EVENTS,
                a,
                "forest.energy-credited",
                energy(a, "ball-" + UUID.randomUUID(), startsAt.plus(Duration.ofMinutes(5))));
        // a volunteer signs up during the campaign (twice: once counted)
        clock.set(startsAt.plus(Duration.ofMinutes(1)));
        String org = "org-" + UUID.randomUUID();
        String activity = Fixtures.activity(org, 10, startsAt.plus(Duration.ofMinutes(1)), Duration.ofDays(7));
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", Fixtures.user(c))
                    .post("/activities/{id}/sign-ups", activity)
                    .then()
                    .statusCode(201);
        }

        // a lucky bag's donation in b's name is the sponsor's money: not b's participation
        send(
                Topic.DONATION_EVENTS,
                b,
                "donation.recorded",
                sponsored(donation(b, "d-bag-" + b, "Gansu", startsAt.plus(Duration.ofMinutes(3))), campaign));
        // the volunteer also sends a lead on a missing-child alert (delivered twice: once counted)
        String lead = """
                {"leadId":"%s","userId":"%s","sentAt":"%s"}""".formatted(UUID.randomUUID(), c, startsAt.plus(Duration.ofMinutes(20)));
        send(Topic.REUNION_PARTICIPATIONS, c, "reunion.lead-sent", lead);
        send(Topic.REUNION_PARTICIPATIONS, c, "reunion.lead-sent", lead);

        JsonPath counter = given().get("/campaigns/{id}", campaign)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(5, counter.getLong("participations"), counter.prettify());
        assertEquals(3, counter.getLong("participants"), counter.prettify());
        assertEquals("50.0", counter.getString("progressPercent"));
        assertEquals(
                List.of(
                        Map.of("name", "DONATION", "participations", 2, "participants", 2),
                        Map.of("name", "FOREST", "participations", 1, "participants", 1),
                        Map.of("name", "REUNION", "participations", 1, "participants", 1),
                        Map.of("name", "VOLUNTEER", "participations", 1, "participants", 1)),
                counter.getList("systems"));
        assertEquals(
                List.of(
                        Map.of("name", "Gansu", "participations", 1, "participants", 1),
                        Map.of("name", "Zhejiang", "participations", 1, "participants", 1)),
                counter.getList("provinces"));
        assertEquals(
                startsAt.toString(),
                Instant.parse(counter.getString("campaign.startsAt")).toString());

        assertEquals(0, ServiceDb.count("select count(*) from donation_credit where donation_id = ?", "d-bag-" + b));
        // each participation counted is said once, for the lucky bags: who and when, never what or where
        List<String> said = ServiceDb.strings(
                "select cast(payload as jsonb) ->> 'personId' from outbox_event "
                        + "where ce_type = 'volunteer.participation-counted' and cast(payload as jsonb) ->> 'campaignId' = ? "
                        + "order by 1",
                campaign);
        assertEquals(List.of(a, a, b, c, c), said);
        List<ConsumerRecord<String, String>> published = KafkaTestClient.readUntil(
                        Topic.VOLUNTEER_PARTICIPATIONS.topicName(),
                        Duration.ofSeconds(20),
                        rs -> rs.stream()
                                        .filter(r -> r.value().contains(campaign))
                                        .count()
                                >= 5)
                .stream()
                .filter(r -> r.value().contains(campaign))
                .toList();
        assertEquals(5, published.size());
        assertEquals(
                5,
                published.stream()
                        .map(r -> EventCodec.get()
                                .decode(EventType.PARTICIPATION_COUNTED, r.value())
                                .subject())
                        .distinct()
                        .count());
        for (ConsumerRecord<String, String> r : published) {
            ParticipationCounted p =
                    (ParticipationCounted) EventCodec.get().decode(EventType.PARTICIPATION_COUNTED, r.value());
            assertEquals(p.personId(), r.key());
            assertFalse(r.value().contains("d-start")
                    || r.value().contains("lead")
                    || r.value().contains("DONATION"));
        }

        // the auditor's replay counts the events again and rebuilds the counter: the same
        assertTheReplayMatches(5);
    }

    /** The auditor's replay makes the campaigns' participations and counters the live ones are, at least {@code n}. */
    static void assertTheReplayMatches(long n) {
        JsonPath report = AuditReplays.replay("{}");
        // rows: participations, scopes of the counter, people of the campaign
        Map<String, Integer> atLeast =
                Map.of("campaign participations", 5, "campaign counters", 5, "participations from published events", 3);
        atLeast.forEach((name, rows) -> {
            Map<String, Object> checked = report.getMap("projections.find { it.name == '" + name + "' }");
            assertEquals(0L, ((Number) checked.get("different")).longValue(), name + report.prettify());
            assertEquals(0L, ((Number) checked.get("onlyInLive")).longValue(), name + report.prettify());
            assertEquals(0L, ((Number) checked.get("onlyInReplay")).longValue(), name + report.prettify());
            assertTrue(((Number) checked.get("equal")).longValue() >= rows, name + report.prettify());
        });
    }

    static JsonPath pledge(String user) {
        return given().header("Authorization", Fixtures.user(user))
                .put("/me/pledge")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static JsonPath welfareYear(String user, int year) {
        return given().header("Authorization", Fixtures.user(user))
                .get("/me/welfare-time?year={y}", year)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void aPledgeTakenInsideTheWindowCountsOnceAndOneOutsideItNot() throws Exception {
        LocalDateTime start = LocalDateTime.now(ChinaTime.ZONE).plusMinutes(2).truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime end = start.plusHours(1);
        Instant startsAt = start.atZone(ChinaTime.ZONE).toInstant();
        Instant endsAt = end.atZone(ChinaTime.ZONE).toInstant();
        String campaign = define(start, end, List.of("PLEDGE", "SIGN_UP"), 10);
        String early = "pledger-early-" + UUID.randomUUID();
        String inside = "pledger-inside-" + UUID.randomUUID();
        String late = "pledger-late-" + UUID.randomUUID();

        // a microsecond before the start and the end itself are outside the window
        Instant beforeStart = startsAt.minus(1, ChronoUnit.MICROS);
        clock.set(beforeStart);
        assertEquals(beforeStart, Instant.parse(pledge(early).getString("pledgedAt")));
        clock.set(endsAt);
        assertEquals(endsAt, Instant.parse(pledge(late).getString("pledgedAt")));

        // inside: taken twice, the same pledge back, counted once
        Instant taken = startsAt.plus(Duration.ofMinutes(1));
        int year = WelfareTime.year(taken);
        clock.set(taken);
        JsonPath first = pledge(inside);
        assertEquals(year, first.getInt("year"));
        assertEquals(taken, Instant.parse(first.getString("pledgedAt")));
        clock.set(taken.plus(Duration.ofMinutes(5)));
        JsonPath again = pledge(inside);
        assertEquals(year, again.getInt("year"));
        assertEquals(taken, Instant.parse(again.getString("pledgedAt")));

        JsonPath counter = given().get("/campaigns/{id}", campaign)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, counter.getLong("participations"), counter.prettify());
        assertEquals(1, counter.getLong("participants"), counter.prettify());
        assertEquals(
                List.of(Map.of("name", "VOLUNTEER", "participations", 1, "participants", 1)),
                counter.getList("systems"));
        assertEquals(List.of(), counter.getList("provinces"));
        assertEquals(
                List.of("PLEDGE pledge:" + inside + ":" + year + " " + inside),
                ServiceDb.strings(
                        "select action || ' ' || source_ref || ' ' || person_id from campaign_participation "
                                + "where cast(campaign_id as text) = ?",
                        campaign));
        assertEquals(1, ServiceDb.count("select count(*) from pledge where user_id = ?", inside));

        // the person's year says when the pledge was taken; a year without one says null
        JsonPath mine = welfareYear(inside, year);
        assertEquals(taken, Instant.parse(mine.getString("pledgedAt")), mine.prettify());
        assertEquals(false, mine.getBoolean("pledgeReached"));
        JsonPath before = welfareYear(inside, year - 1);
        assertNull(before.get("pledgedAt"), before.prettify());
        assertTrue(before.getMap("").containsKey("pledgedAt"), before.prettify());

        // the replay keeps the pledge's participation (a command's) and makes the same counter
        assertTheReplayMatches(1);
    }

    @Test
    void twoHundredSignUpsAtOnceCountTwoHundredParticipantsExactly() throws Exception {
        LocalDateTime start = LocalDateTime.now(ChinaTime.ZONE).plusMinutes(1).truncatedTo(ChronoUnit.SECONDS);
        Instant startsAt = start.atZone(ChinaTime.ZONE).toInstant();
        String campaign = define(start, start.plusHours(1), List.of("SIGN_UP"), 400);
        clock.set(startsAt.plusSeconds(30));
        String org = "org-" + UUID.randomUUID();
        String activity = Fixtures.activity(org, 50, startsAt.plusSeconds(30), Duration.ofDays(3));
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            users.add("week-volunteer-" + i + "-" + UUID.randomUUID());
        }
        List<HttpResponse<String>> responses =
                Parallel.posts(200, i -> Fixtures.user(users.get(i)), "/activities/" + activity + "/sign-ups", null);
        assertTrue(
                responses.stream().allMatch(r -> r.statusCode() == 201),
                responses.get(0).body());

        JsonPath counter = given().get("/campaigns/{id}", campaign)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(200, counter.getLong("participations"), counter.prettify());
        assertEquals(200, counter.getLong("participants"), counter.prettify());
        assertEquals("50.0", counter.getString("progressPercent"));
        assertEquals(
                List.of(Map.of("name", "VOLUNTEER", "participations", 200, "participants", 200)),
                counter.getList("systems"));
    }

    @Test
    void aCampaignIsAnnouncedBeforeItStartsAndDefinedByAnAdmin() {
        LocalDateTime now = LocalDateTime.now(ChinaTime.ZONE);
        defining(ADMIN, now.plusSeconds(5), now.plusHours(1), "DONATION")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("at least 10 seconds before it starts"));
        defining(ADMIN, now.plusHours(2), now.plusHours(1), "DONATION")
                .statusCode(400)
                .body("detail", containsString("the end must be after the start"));
        defining(ADMIN, now.plusHours(1), now.plusHours(2), "DANCING")
                .statusCode(400)
                .contentType("application/problem+json");
        defining(Fixtures.user("someone"), now.plusHours(1), now.plusHours(2), "DONATION")
                .statusCode(403);
        given().get("/campaigns/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    private static ValidatableResponse defining(String bearer, LocalDateTime start, LocalDateTime end, String action) {
        return given().header("Authorization", bearer)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Week",
                        "start",
                        start.toString(),
                        "end",
                        end.toString(),
                        "actions",
                        List.of(action),
                        "goal",
                        10))
                .post("/campaigns")
                .then();
    }
}
