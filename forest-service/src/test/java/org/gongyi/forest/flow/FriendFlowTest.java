package org.gongyi.forest.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.gongyi.forest.Fixtures.bearer;
import static org.gongyi.forest.Fixtures.grant;
import static org.gongyi.forest.Fixtures.ripeBall;
import static org.gongyi.infra.test.ServiceDb.count;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "forest"))
class FriendFlowTest {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String user() {
        return "friend-" + UUID.randomUUID();
    }

    static void befriend(String a, String b) {
        given().header("Authorization", bearer(a))
                .put("/me/friends/{f}", b)
                .then()
                .statusCode(200);
        given().header("Authorization", bearer(b))
                .put("/me/friends/{f}", a)
                .then()
                .statusCode(200)
                .body("status", equalTo("FRIEND"));
    }

    @Test
    void friendshipNeedsBothSidesAndEndsForBoth() throws Exception {
        String a = user();
        String b = user();
        String ball = ripeBall(b, 100);
        given().header("Authorization", bearer(a))
                .put("/me/friends/{f}", b)
                .then()
                .statusCode(200)
                .body("status", equalTo("REQUESTED"));
        given().header("Authorization", bearer(b))
                .get("/me/friends")
                .then()
                .body("userId", contains(a))
                .body("status", contains("INVITED"));
        // a request alone does not let anyone collect
        given().header("Authorization", bearer(a))
                .post("/friends/{f}/balls/{b}/collect", b, ball)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", bearer(a))
                .get("/friends/{f}/energy", b)
                .then()
                .statusCode(403);
        given().header("Authorization", bearer(b))
                .put("/me/friends/{f}", a)
                .then()
                .statusCode(200)
                .body("status", equalTo("FRIEND"));
        given().header("Authorization", bearer(a))
                .get("/friends/{f}/energy", b)
                .then()
                .statusCode(200)
                .body("ripe.id", contains(ball))
                .body("shieldUntil", nullValue());
        given().header("Authorization", bearer(a))
                .put("/me/friends/{f}", a)
                .then()
                .statusCode(400);

        given().header("Authorization", bearer(b))
                .delete("/me/friends/{f}", a)
                .then()
                .statusCode(204);
        given().header("Authorization", bearer(a)).get("/me/friends").then().body("", hasSize(0));
        given().header("Authorization", bearer(a))
                .get("/friends/{f}/energy", b)
                .then()
                .statusCode(403);
    }

    @Test
    void eachFriendTakesThirtyPercentOfWhatIsLeftOnceAndTheOwnerTheRest() throws Exception {
        String owner = user();
        String a = user();
        String c = user();
        befriend(owner, a);
        befriend(owner, c);
        String ball = ripeBall(owner, 180);
        given().header("Authorization", bearer(a))
                .post("/friends/{f}/balls/{b}/collect", owner, ball)
                .then()
                .statusCode(200)
                .body("grams", equalTo(54))
                .body("balanceGrams", equalTo(54));
        given().header("Authorization", bearer(a))
                .post("/friends/{f}/balls/{b}/collect", owner, ball)
                .then()
                .statusCode(409);
        given().header("Authorization", bearer(a))
                .post("/friends/{f}/balls/{b}/collect", owner, ball)
                .then()
                .statusCode(409)
                .body("detail", equalTo("You already collected from ball " + ball));
        given().header("Authorization", bearer(c))
                .post("/friends/{f}/balls/{b}/collect", owner, ball)
                .then()
                .statusCode(200)
                .body("grams", equalTo(37))
                .body("balanceGrams", equalTo(37)); // 30 % of 126
        given().header("Authorization", bearer(owner))
                .get("/me/energy")
                .then()
                .body("ripe.grams", contains(89))
                .body("ripe.takenByFriends", contains(91));
        given().header("Authorization", bearer(owner))
                .post("/me/balls/{b}/collect", ball)
                .then()
                .statusCode(200)
                .body("grams", equalTo(89));
        assertEquals(2, count("select count(*) from ball_take where ball_id = cast(? as uuid)", ball));
        given().header("Authorization", bearer(c))
                .post("/friends/{f}/balls/{b}/collect", owner, ball)
                .then()
                .statusCode(409)
                .body("detail", equalTo("Ball " + ball + " was already collected"));
        // a ball of someone else is not the friend's
        given().header("Authorization", bearer(c))
                .post("/friends/{f}/balls/{b}/collect", owner, ripeBall(a, 50))
                .then()
                .statusCode(404);
    }

    @Test
    void tenFriendsAtOnceOnOneBallEachTakeTheirShareOfWhatIsLeft() throws Exception {
        String owner = user();
        List<String> friends = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            friends.add(user());
            befriend(owner, friends.get(i));
        }
        String ball = ripeBall(owner, 1_000);
        List<Integer> statuses = PlantingFlowTest.parallelPosts(
                10, friends::get, "/friends/" + owner + "/balls/" + ball + "/collect", "");
        assertEquals(10, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        // one after the other on the ball's row, each 30 % of what the ones before left: 300, 210, 147, … 12
        long left = 1_000;
        long taken = 0;
        for (int i = 0; i < 10; i++) {
            long take = left * 30 / 100;
            taken += take;
            left -= take;
        }
        assertEquals(970, taken);
        assertEquals(taken, count("select friend_grams from energy_ball where id = cast(? as uuid)", ball));
        assertEquals(taken, count("select sum(balance_grams) from energy_account where user_id = any(?)", (Object)
                friends.toArray(new String[0])));
        assertEquals(
                10, count("select count(distinct friend_id) from ball_take where ball_id = cast(? as uuid)", ball));
        // everyone again at once: each has had their share
        List<Integer> again = PlantingFlowTest.parallelPosts(
                10, friends::get, "/friends/" + owner + "/balls/" + ball + "/collect", "");
        assertEquals(List.of(409), again.stream().distinct().toList());
    }

    @Test
    void aShieldKeepsFriendsOutUntilItEnds() throws Exception {
        String owner = user();
        String a = user();
        befriend(owner, a);
        String ball = ripeBall(owner, 100);
        given().header("Authorization", bearer(owner))
                .post("/me/shield")
                .then()
                .statusCode(409)
                .body("detail", equalTo("You have no shield items"));
        given().header("Authorization", "Bearer " + GongyiTestInfrastructure.bearer("root", "admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("userId", owner, "items", 1, "hours", 24))
                .post("/shield-items")
                .then()
                .statusCode(200)
                .body("itemsLeft", equalTo(1));
        Instant now = Instant.now();
        clock.set(now);
        given().header("Authorization", bearer(owner))
                .post("/me/shield")
                .then()
                .statusCode(200)
                .body("itemsLeft", equalTo(0))
                .body("endsAt", notNullValue());
        given().header("Authorization", bearer(a))
                .post("/friends/{f}/balls/{b}/collect", owner, ball)
                .then()
                .statusCode(409)
                .body("detail", startsWith(owner + "'s energy is protected by a shield until"));
        given().header("Authorization", bearer(a))
                .get("/friends/{f}/energy", owner)
                .then()
                .body("shieldUntil", notNullValue());
        // the ball was ripe for 1 h of its 72: still there when the shield ends after 24 h
        clock.set(now.plus(Duration.ofHours(24)).plusSeconds(1));
        given().header("Authorization", bearer(a))
                .post("/friends/{f}/balls/{b}/collect", owner, ball)
                .then()
                .statusCode(200)
                .body("grams", equalTo(30));
    }

    @Test
    void wateringGivesTenGramsAtMostThreeTimesAFriendADay() throws Exception {
        String a = user();
        String b = user();
        String stranger = user();
        befriend(a, b);
        befriend(b, stranger);
        grant(a, 45);
        clock.set(Instant.parse("2026-08-08T15:00:00Z")); // 23:00 in Shanghai
        for (int i = 1; i <= 3; i++) {
            given().header("Authorization", bearer(a))
                    .post("/friends/{f}/water", b)
                    .then()
                    .statusCode(200)
                    .body("grams", equalTo(10))
                    .body("timesToday", equalTo(i))
                    .body("balanceGrams", equalTo(45 - 10 * i));
        }
        given().header("Authorization", bearer(a))
                .post("/friends/{f}/water", b)
                .then()
                .statusCode(409)
                .body("detail", equalTo("You have watered " + b + " 3 times today, the most a day allows"));
        given().header("Authorization", bearer(a))
                .post("/friends/{f}/water", stranger)
                .then()
                .statusCode(403);
        // the next Shanghai day (01:00) a fourth watering is allowed, but the balance (15 g) pays for one only
        clock.set(Instant.parse("2026-08-08T17:00:00Z"));
        given().header("Authorization", bearer(a))
                .post("/friends/{f}/water", b)
                .then()
                .statusCode(200)
                .body("timesToday", equalTo(1))
                .body("balanceGrams", equalTo(5));
        given().header("Authorization", bearer(a))
                .post("/friends/{f}/water", b)
                .then()
                .statusCode(409)
                .body("detail", startsWith("Not enough energy"));
        // the waterings are b's to collect at once, and no one else's to take
        List<String> watered = given().header("Authorization", bearer(b))
                .get("/me/energy")
                .then()
                .body("ripe", hasSize(4))
                .body("ripe.fromUser", contains(a, a, a, a))
                .extract()
                .path("ripe.id");
        given().header("Authorization", bearer(stranger))
                .post("/friends/{f}/balls/{b}/collect", b, watered.get(0))
                .then()
                .statusCode(409);
        given().header("Authorization", bearer(b))
                .post("/me/balls/collect")
                .then()
                .statusCode(200)
                .body("grams", equalTo(40));
    }

    /** A ball of {@code user}'s that ripened at {@code ripensAt}. */
    static String ballRipeAt(String user, long grams, Instant ripensAt) throws Exception {
        String id = UUID.randomUUID().toString();
        try (var c = GongyiTestInfrastructure.serviceConnection();
                var ps = c.prepareStatement(
                        "insert into energy_ball (id, user_id, kind, action_type, grams, ripens_at, "
                                + "expires_at, created_at) values (cast(? as uuid), ?, 'ACTION', 'METRO_RIDE', ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, user);
            ps.setLong(3, grams);
            ps.setObject(4, java.time.OffsetDateTime.ofInstant(ripensAt, java.time.ZoneOffset.UTC));
            ps.setObject(
                    5,
                    java.time.OffsetDateTime.ofInstant(ripensAt.plus(Duration.ofHours(72)), java.time.ZoneOffset.UTC));
            ps.setObject(6, java.time.OffsetDateTime.ofInstant(ripensAt, java.time.ZoneOffset.UTC));
            ps.executeUpdate();
        }
        return id;
    }

    @Test
    void theLeaderboardRanksFriendsByTheWeeksEnergyAndTheFeedSaysWhoTookAndWatered() throws Exception {
        String owner = "lb-o-" + UUID.randomUUID();
        String a = "lb-a-" + UUID.randomUUID();
        String c = "lb-c-" + UUID.randomUUID();
        String asked = "lb-d-" + UUID.randomUUID();
        befriend(owner, a);
        befriend(owner, c);
        given().header("Authorization", bearer(owner))
                .put("/me/friends/{f}", asked)
                .then()
                .statusCode(200);
        grant(a, 100);
        Instant sundayLate = Instant.parse("2026-11-29T15:00:00Z"); // Sunday 23:00 in Shanghai
        Instant lastSecond = Instant.parse("2026-11-29T15:59:59Z"); // Sunday 23:59:59
        Instant monday = Instant.parse("2026-11-29T16:00:00Z"); // Monday 30 November 00:00
        String ball = ballRipeAt(owner, 180, sundayLate.minus(Duration.ofHours(1)));

        clock.set(sundayLate);
        given().header("Authorization", bearer(a))
                .post("/friends/{f}/balls/{b}/collect", owner, ball)
                .then()
                .statusCode(200)
                .body("grams", equalTo(54));
        clock.set(lastSecond);
        given().header("Authorization", bearer(c))
                .post("/friends/{f}/balls/{b}/collect", owner, ball)
                .then()
                .statusCode(200)
                .body("grams", equalTo(37));
        clock.set(monday);
        given().header("Authorization", bearer(a))
                .post("/friends/{f}/water", owner)
                .then()
                .statusCode(200);
        clock.set(monday.plusSeconds(1));
        given().header("Authorization", bearer(owner))
                .post("/me/balls/collect")
                .then()
                .statusCode(200)
                .body("grams", equalTo(99)); // 89 left on the ball and the 10 g watered

        // the week that ended on Sunday: the takes up to its last second; the one who only was asked is not there
        given().header("Authorization", bearer(owner))
                .get("/me/leaderboard?week=2026-11-29")
                .then()
                .statusCode(200)
                .body("from", equalTo("2026-11-23"))
                .body("to", equalTo("2026-11-29"))
                .body("standings.userId", contains(a, c, owner))
                .body("standings.weekGrams", contains(54, 37, 0))
                .body("standings.rank", contains(1, 2, 3))
                .body("standings.trees", contains(0, 0, 0));
        // this week (from Monday 00:00): the owner's collection; the two friends tie at nothing
        List<String> tied = new ArrayList<>(List.of(a, c));
        tied.sort(null);
        given().header("Authorization", bearer(owner))
                .get("/me/leaderboard")
                .then()
                .statusCode(200)
                .body("from", equalTo("2026-11-30"))
                .body("standings.userId", contains(owner, tied.get(0), tied.get(1)))
                .body("standings.weekGrams", contains(99, 0, 0))
                .body("standings.rank", contains(1, 2, 2));
        // a friend sees the same board from their side: themselves and the owner only
        given().header("Authorization", bearer(c))
                .get("/me/leaderboard?week=2026-11-25")
                .then()
                .body("standings.userId", contains(c, owner))
                .body("standings.weekGrams", contains(37, 0));

        // the owner's feed, newest first; nothing happened to a
        given().header("Authorization", bearer(owner))
                .get("/me/feed")
                .then()
                .statusCode(200)
                .body("kind", contains("WATERED", "TOOK", "TOOK"))
                .body("friendId", contains(a, c, a))
                .body("grams", contains(10, 37, 54))
                .body("at", contains(monday.toString(), lastSecond.toString(), sundayLate.toString()));
        given().header("Authorization", bearer(owner))
                .get("/me/feed?page=1&size=2")
                .then()
                .body("friendId", contains(a));
        given().header("Authorization", bearer(a)).get("/me/feed").then().body("", hasSize(0));
        given().header("Authorization", bearer(owner))
                .get("/me/leaderboard?week=last-week")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    boolean collectOwnAt(String user, Instant at) throws Exception {
        clock.set(at);
        ballRipeAt(user, 10, at.minus(Duration.ofHours(1)));
        return given().header("Authorization", bearer(user))
                .post("/me/balls/collect")
                .then()
                .statusCode(200)
                .extract()
                .path("shieldItemEarned");
    }

    @Test
    void collectingOwnEnergyOnFiveDaysOfAWeekEarnsOneShieldItem() throws Exception {
        String user = user();
        String friend = user();
        befriend(user, friend);
        Instant monday = Instant.parse("2026-11-30T00:00:00Z"); // Monday 08:00 in Shanghai
        // the Sunday before is another week; a second collection on Monday is the same day
        assertEquals(false, collectOwnAt(user, monday.minus(Duration.ofDays(1))));
        assertEquals(false, collectOwnAt(user, monday));
        assertEquals(false, collectOwnAt(user, monday.plus(Duration.ofHours(3))));
        for (int day = 1; day <= 3; day++) {
            assertEquals(false, collectOwnAt(user, monday.plus(Duration.ofDays(day))), "day " + day);
        }
        // taking from a friend's ball on Friday is not tending one's own forest
        clock.set(monday.plus(Duration.ofDays(4)));
        String friendsBall =
                ballRipeAt(friend, 100, monday.plus(Duration.ofDays(4)).minus(Duration.ofHours(1)));
        given().header("Authorization", bearer(user))
                .post("/friends/{f}/balls/{b}/collect", friend, friendsBall)
                .then()
                .statusCode(200);
        given().header("Authorization", bearer(user)).get("/me/shield").then().body("itemsLeft", equalTo(0));
        // Friday's own collection is the fifth day: one item of 24 hours; Saturday's earns no second one
        assertEquals(true, collectOwnAt(user, monday.plus(Duration.ofDays(4)).plus(Duration.ofMinutes(1))));
        assertEquals(false, collectOwnAt(user, monday.plus(Duration.ofDays(5))));
        given().header("Authorization", bearer(user)).get("/me/shield").then().body("itemsLeft", equalTo(1));
        Instant raisedAt = monday.plus(Duration.ofDays(5));
        given().header("Authorization", bearer(user))
                .post("/me/shield")
                .then()
                .statusCode(200)
                .body("itemsLeft", equalTo(0))
                .body("endsAt", equalTo(raisedAt.plus(Duration.ofHours(24)).toString()));
    }
}
