package org.gongyi.donation.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.donation.domain.LuckyBags;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventType;
import org.gongyi.events.Topic;
import org.gongyi.events.contract.DonationRecorded;
import org.gongyi.infra.test.AuditReplays;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.Parallel;
import org.gongyi.infra.test.ServiceDb;
import org.gongyi.infra.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lucky bags (福包, issue #32) against the real broker and database: participations counted by volunteer-service give
 * chances (each fact once); opening draws a chance against the sponsor's pool and donates an opened bag to the
 * project the opener picks, in the opener's name and marked sponsored in their bill; a daily limit; 1,000 openers on the
 * last bags open exactly those; every draw and bag recomputes from the secret published when the pool closes; the audit
 * replay makes the bags' donations again and checks them against the published events.
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "donation"))
class LuckyBagFlowTest {

    static final String ADMIN = "Bearer " + GongyiTestInfrastructure.bearer("admin-1", "admin");
    static final String AUDITOR = "Bearer " + GongyiTestInfrastructure.bearer("auditor-1", "auditor");

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String user(String id) {
        return "Bearer " + GongyiTestInfrastructure.bearer(id, "user");
    }

    /** A pool of the campaign, open from a minute ago for an hour. */
    static JsonPath fund(String campaign, long totalFen, int bags, long minFen, long maxFen, int chancePpm, int daily) {
        LocalDateTime now = LocalDateTime.now(ChinaTime.ZONE).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = new HashMap<>(Map.of(
                "campaignId", campaign,
                "sponsorId", "sponsor-alipay",
                "name", "9.5 lucky bags",
                "totalFen", totalFen,
                "bags", bags,
                "minFen", minFen,
                "maxFen", maxFen,
                "chancePpm", chancePpm,
                "perPersonDaily", daily,
                "opens", now.minusMinutes(1).toString()));
        body.put("closes", now.plusHours(1).toString());
        String location = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/lucky-bag-pools")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        return given().get(location).then().statusCode(200).extract().jsonPath();
    }

    record Participation(String campaign, String participation, String person) {}

    /** volunteer-service counted these participations; each event under a new id. */
    static void participated(List<Participation> ps) {
        List<KafkaTestClient.Event> events = new ArrayList<>();
        for (Participation p : ps) {
            events.add(new KafkaTestClient.Event(
                    p.person(),
                    "volunteer.participation-counted",
                    UUID.randomUUID().toString(),
                    """
                    {"participationId":"%s","campaignId":"%s","personId":"%s","occurredAt":"%s"}""".formatted(p.participation(), p.campaign(), p.person(), Instant.now())));
        }
        KafkaTestClient.sendEvents(Topic.VOLUNTEER_PARTICIPATIONS.topicName(), events);
        ServiceDb.awaitProcessed(
                events.stream().map(KafkaTestClient.Event::ceId).toList());
    }

    static JsonPath open(String person, String campaign, String project, int status) {
        return given().header("Authorization", user(person))
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", project))
                .post("/campaigns/{c}/lucky-bags", campaign)
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    static long chancesLeft(String person, String campaign) {
        return given().header("Authorization", user(person))
                .get("/campaigns/{c}/lucky-bags/mine", campaign)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("chancesLeft");
    }

    @Test
    void aChanceOpensABagWhoseAmountGoesToThePickedProjectInTheOpenersNameMarkedSponsored() throws Exception {
        String campaign = UUID.randomUUID().toString();
        String project = ProgrammeFlowTest.project("bag-charity", "Lucky bags' project " + campaign);
        JsonPath pool = fund(campaign, 1_000, 4, 100, 400, LuckyBags.PARTS, 2);
        String poolId = pool.getString("id");
        assertEquals(4, pool.getInt("bagsLeft"));
        assertNull(pool.get("secret"), "the secret stays hidden while the pool is open");
        assertEquals(64, pool.getString("commitment").length());

        String person = "opener-" + campaign;
        String p1 = UUID.randomUUID().toString();
        String p2 = UUID.randomUUID().toString();
        String p3 = UUID.randomUUID().toString();
        // three participations; the first delivered again under a new event id gives no second chance
        participated(List.of(
                new Participation(campaign, p1, person),
                new Participation(campaign, p2, person),
                new Participation(campaign, p3, person),
                new Participation(campaign, p1, person)));
        assertEquals(3, chancesLeft(person, campaign));

        // bad input: an unknown project, a campaign without bags, no chance at all
        open(person, campaign, UUID.randomUUID().toString(), 404);
        assertTrue(open(person, UUID.randomUUID().toString(), project, 404)
                .getString("detail")
                .contains("has no lucky bags"));
        given().header("Authorization", user("no-chance-" + campaign))
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", project))
                .post("/campaigns/{c}/lucky-bags", campaign)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("No chance left"));
        assertEquals(3, chancesLeft(person, campaign), "a refused opening leaves the chances");

        long donatedBefore = given().get("/projects/{id}", project)
                .then()
                .extract()
                .jsonPath()
                .getLong("donatedFen");
        JsonPath first = open(person, campaign, project, 200);
        JsonPath second = open(person, campaign, project, 200);
        assertTrue(first.getBoolean("opened") && second.getBoolean("opened"));
        assertEquals(List.of(1, 2), List.of(first.getInt("bagNo"), second.getInt("bagNo")));
        assertEquals(p1, first.getString("participationId"), "the earliest chance first");
        long opened = first.getLong("amountFen") + second.getLong("amountFen");
        // the pool's daily limit per person is 2: the third chance waits for tomorrow
        given().header("Authorization", user(person))
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", project))
                .post("/campaigns/{c}/lucky-bags", campaign)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("detail", containsString("daily limit"));
        assertEquals(1, chancesLeft(person, campaign));

        // the donations: the project's, the opener's, marked sponsored in the bill
        JsonPath progress =
                given().get("/projects/{id}", project).then().extract().jsonPath();
        assertEquals(donatedBefore + opened, progress.getLong("donatedFen"));
        JsonPath mine = given().header("Authorization", user(person))
                .get("/me/donations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(poolId, poolId), mine.getList("luckyBagPoolId"));
        JsonPath bill = given().header("Authorization", user(person))
                .get("/me/charity-bill?year="
                        + LocalDateTime.now(ChinaTime.ZONE).getYear())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(opened, bill.getLong("sponsoredFen"));
        assertEquals(opened, bill.getLong("projects[0].sponsoredFen"));
        assertEquals(2, bill.getInt("projects[0].sponsoredCount"));
        assertEquals(opened, bill.getLong("projects[0].donatedFen"));
        // the events: a donation.recorded each, the sponsor's money, no seller's rule
        List<String> payloads = ServiceDb.strings(
                "select payload from outbox_event where ce_type = 'donation.recorded' and partition_key = ? "
                        + "order by ce_time",
                person);
        assertEquals(2, payloads.size());
        DonationRecorded event =
                (DonationRecorded) EventCodec.get().decode(EventType.DONATION_RECORDED, payloads.get(0));
        assertEquals(new DonationRecorded.Sponsored("sponsor-alipay", poolId, campaign), event.sponsored());
        assertNull(event.rule());
        assertEquals(first.getLong("amountFen"), event.amountFen());
        assertEquals(project, event.projectId());

        // once the pool closes its secret is out: every bag and every draw recomputes
        clock.set(Instant.parse(pool.getString("closesAt")).plusSeconds(1));
        JsonPath closed =
                given().get("/lucky-bag-pools/{id}", poolId).then().extract().jsonPath();
        byte[] secret = java.util.HexFormat.of().parseHex(closed.getString("secret"));
        assertEquals(closed.getString("commitment"), LuckyBags.commitment(secret));
        long[] bags = LuckyBags.bagAmounts(secret, poolId, new LuckyBags.Pool(1_000, 4, 100, 400));
        assertEquals(1_000, Arrays.stream(bags).sum());
        assertEquals(bags[0], first.getLong("amountFen"));
        assertEquals(bags[1], second.getLong("amountFen"));
        assertEquals(2, closed.getInt("openedBags"));
        assertEquals(opened, closed.getLong("openedFen"));
        List<Map<String, Object>> draws = given().header("Authorization", AUDITOR)
                .get("/lucky-bag-pools/{id}/draws", poolId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertEquals(2, draws.size());
        for (Map<String, Object> d : draws) {
            LuckyBags.Draw again = LuckyBags.draw(
                    secret, poolId, (String) d.get("personId"), (String) d.get("participationId"), LuckyBags.PARTS);
            assertEquals(again.hmacHex(), d.get("drawHmac"));
            assertEquals(again.opens(), d.get("opened"));
        }
        given().get("/lucky-bag-pools/{id}/draws", poolId).then().statusCode(401);
        clock.reset();

        // the replay makes the bags' donations again from the bags and draws, and checks them against the events
        JsonPath report = AuditReplays.replay("{}");
        for (String name : List.of("donations", "project progress", "lucky bags from published events")) {
            Map<String, Object> checked = report.getMap("projections.find { it.name == '" + name + "' }");
            assertEquals(0L, ((Number) checked.get("different")).longValue(), name + report.prettify());
            assertEquals(0L, ((Number) checked.get("onlyInLive")).longValue(), name + report.prettify());
            assertEquals(0L, ((Number) checked.get("onlyInReplay")).longValue(), name + report.prettify());
        }
    }

    @Test
    void aChanceThatMissesIsDrawnOnceAndRecordedWithItsInputs() {
        String campaign = UUID.randomUUID().toString();
        String project = ProgrammeFlowTest.project("bag-charity", "Rare bags' project " + campaign);
        // one chance in a million
        String poolId = fund(campaign, 500, 5, 100, 100, 1, 1).getString("id");
        String person = "unlucky-" + campaign;
        String participation = UUID.randomUUID().toString();
        participated(List.of(new Participation(campaign, participation, person)));
        JsonPath drawn = open(person, campaign, project, 200);
        assertEquals(participation, drawn.getString("participationId"));
        assertEquals(poolId, drawn.getString("poolId"));
        assertEquals(1, drawn.getInt("chancePpm"));
        boolean opened = drawn.getBoolean("opened");
        assertEquals(0, chancesLeft(person, campaign), "drawn once");
        given().header("Authorization", user(person))
                .get("/campaigns/{c}/lucky-bags/mine", campaign)
                .then()
                .statusCode(200)
                .body("draws[0].drawHmac", equalTo(drawn.getString("drawHmac")))
                .body("draws[0].opened", equalTo(opened));
    }

    @Test
    void aThousandOpenersOnTheLastBagsOpenExactlyTheBagsLeft() throws Exception {
        String campaign = UUID.randomUUID().toString();
        String project = ProgrammeFlowTest.project("bag-charity", "Rush project " + campaign);
        int bagsLeft = 10;
        String poolId =
                fund(campaign, 2_500, bagsLeft, 100, 400, LuckyBags.PARTS, 1).getString("id");
        int openers = 1_000;
        List<Participation> chances = new ArrayList<>();
        for (int i = 0; i < openers; i++) {
            chances.add(new Participation(campaign, UUID.randomUUID().toString(), "rush-" + i + "-" + campaign));
        }
        participated(chances);
        long donatedBefore = given().get("/projects/{id}", project)
                .then()
                .extract()
                .jsonPath()
                .getLong("donatedFen");

        List<HttpResponse<String>> responses = Parallel.posts(
                openers,
                i -> user("rush-" + i + "-" + campaign),
                "/campaigns/" + campaign + "/lucky-bags",
                "{\"projectId\":\"" + project + "\"}");

        List<JsonPath> won = responses.stream()
                .filter(r -> r.statusCode() == 200)
                .map(r -> new JsonPath(r.body()))
                .toList();
        assertEquals(bagsLeft, won.size(), "exactly the bags left are opened");
        assertTrue(won.stream().allMatch(w -> w.getBoolean("opened")));
        assertEquals(
                openers - bagsLeft,
                responses.stream().filter(r -> r.statusCode() == 409).count(),
                "every other opener is told none is left");
        assertEquals(
                bagsLeft, new HashSet<>(won.stream().map(w -> w.getInt("bagNo")).toList()).size(), "no bag twice");
        assertEquals(2_500, won.stream().mapToLong(w -> w.getLong("amountFen")).sum(), "the pool spent exactly");
        JsonPath pool =
                given().get("/lucky-bag-pools/{id}", poolId).then().extract().jsonPath();
        assertEquals(0, pool.getInt("bagsLeft"));
        assertEquals(2_500, pool.getLong("openedFen"));
        JsonPath progress =
                given().get("/projects/{id}", project).then().extract().jsonPath();
        assertEquals(donatedBefore + 2_500, progress.getLong("donatedFen"));
        assertEquals(
                bagsLeft,
                ServiceDb.count("select count(*) from donation where lucky_pool_id = cast(? as uuid)", poolId));
        // the losers keep their chance for the next pool
        assertEquals(
                openers - bagsLeft,
                ServiceDb.count(
                        "select count(*) from lucky_chance where campaign_id = cast(? as uuid) and drawn_at is null",
                        campaign));
    }
}
