package org.gongyi.forest.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.forest.ForestConfig;
import org.gongyi.forest.domain.ForestCalendar;
import org.gongyi.forest.domain.FriendShare;
import org.gongyi.forest.persistence.EnergyAccounts;
import org.gongyi.forest.persistence.EnergyBall;
import org.gongyi.forest.persistence.EnergyBalls;
import org.gongyi.forest.persistence.Friends;
import org.gongyi.forest.persistence.Shields;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;

/**
 * Friends (an explicit, mutual list), collecting a share of a friend's ripe ball, shields, watering. Every rule holds
 * under concurrent requests (a condition of one SQL statement, or a locked row): once per ball for each friend, no
 * collection while the owner's shield is up, at most so many waterings per friend per Shanghai day.
 */
@ApplicationScoped
public class FriendService {

    private final Db db;
    private final Friends friends;
    private final Shields shields;
    private final EnergyBalls balls;
    private final EnergyAccounts accounts;
    private final Spending spending;
    private final Clock clock;
    private final FriendShare share;
    private final long wateringGrams;
    private final int wateringsPerDay;

    public FriendService(
            Db db,
            Friends friends,
            Shields shields,
            EnergyBalls balls,
            EnergyAccounts accounts,
            Spending spending,
            Clock clock,
            ForestConfig config) {
        this.db = db;
        this.friends = friends;
        this.shields = shields;
        this.balls = balls;
        this.accounts = accounts;
        this.spending = spending;
        this.clock = clock;
        this.share = new FriendShare(config.friendSharePercent());
        this.wateringGrams = config.wateringGrams();
        this.wateringsPerDay = config.wateringsPerDay();
    }

    @Schema(name = "FriendServiceStatus")
    public enum Status {
        /** Both asked: friends. */
        FRIEND,
        /** You asked, they have not yet. */
        REQUESTED,
        /** They asked you. */
        INVITED
    }

    public record Friend(String userId, Status status, Instant since) {
        static Friend of(Friends.Link l) {
            return new Friend(
                    l.friendId(),
                    l.outgoing() && l.incoming() ? Status.FRIEND : l.outgoing() ? Status.REQUESTED : Status.INVITED,
                    l.since());
        }
    }

    public record FriendEnergy(String userId, Instant shieldUntil, List<EnergyBall> ripe) {}

    public record Taken(String friendId, UUID ballId, long grams, long balanceGrams) {}

    public record Watered(String friendId, long grams, int timesToday, long balanceGrams) {}

    public record Shield(Instant endsAt, int itemsLeft) {}

    /** A week's leaderboard, Monday to Sunday. */
    public record Leaderboard(LocalDate from, LocalDate to, List<Friends.Standing> standings) {}

    /** Asks {@code friend} to be friends, or accepts their request. Asking again changes nothing. */
    public Uni<Friend> add(String user, String friend) {
        if (user.equals(friend)) {
            throw ProblemException.badRequest("You cannot befriend yourself");
        }
        Instant now = clock.instant();
        return db.transaction(() -> friends.ask(user, friend, now)
                .chain(() -> friends(user, friend))
                .map(l -> l.get(0)));
    }

    /** Ends a friendship (or withdraws / declines a request): both directions go. */
    public Uni<Void> remove(String user, String friend) {
        return db.transaction(() -> friends.unlink(user, friend).replaceWithVoid());
    }

    public Uni<List<Friend>> list(String user) {
        return friends(user, null);
    }

    /** The user and their friends, ranked by energy collected in the week of {@code day} (this week when null). */
    public Uni<Leaderboard> leaderboard(String user, LocalDate day) {
        LocalDate week = day == null
                ? ForestCalendar.weekStart(clock.instant())
                : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return friends.leaderboard(user, week).map(s -> new Leaderboard(week, week.plusDays(6), s));
    }

    /** A page of who took from the user's balls and who watered them, newest first. */
    public Uni<List<Friends.FeedEntry>> feed(String user, int page, int size) {
        return friends.feed(user, page, size);
    }

    private Uni<List<Friend>> friends(String user, String only) {
        return friends.links(user, only).map(l -> l.stream().map(Friend::of).toList());
    }

    Uni<Void> requireFriends(String user, String friend) {
        return friends.areFriends(user, friend)
                .invoke(yes -> {
                    if (!yes) {
                        throw ProblemException.forbidden("You and " + friend + " are not friends");
                    }
                })
                .replaceWithVoid();
    }

    /** A friend's ripe balls (what you might collect) and their shield. */
    public Uni<FriendEnergy> energy(String user, String friend) {
        Instant now = clock.instant();
        return requireFriends(user, friend)
                .chain(() -> shields.endOfShieldUp(friend, now))
                .chain(shield -> balls.ripe(friend, now, BallService.MAX_BALLS_SHOWN)
                        .map(ripe -> new FriendEnergy(friend, shield, ripe)));
    }

    /**
     * Takes the configured share of what is left of a friend's ripe, uncollected ball: once per ball for each friend,
     * never through a shield. Friends taking from one ball at once wait for each other on its row.
     */
    public Uni<Taken> collect(String user, String friend, UUID ballId) {
        Instant now = clock.instant();
        return db.transaction(() -> requireFriends(user, friend)
                .chain(() -> balls.lockOpenToFriends(ballId, friend, user, now))
                .chain(open -> {
                    if (open == null) {
                        return whyNot(friend, ballId, now);
                    }
                    if (open.takenByCaller()) {
                        throw ProblemException.conflict("You already collected from ball " + ballId);
                    }
                    long grams = share.take(open.leftGrams());
                    if (grams == 0) {
                        throw ProblemException.conflict("Nothing is left for friends on ball " + ballId);
                    }
                    return balls.recordTake(ballId, friend, user, grams, now)
                            .invoke(recorded -> {
                                if (!recorded) { // the same friend's request at the same moment
                                    throw ProblemException.conflict("You already collected from ball " + ballId);
                                }
                            })
                            .chain(() -> balls.addToFriendsPart(ballId, grams))
                            .chain(() -> accounts.collect(user, grams, now))
                            .chain(() -> accounts.balance(user))
                            .map(b -> new Taken(friend, ballId, grams, b));
                }));
    }

    private <T> Uni<T> whyNot(String friend, UUID ballId, Instant now) {
        return balls.find(ballId)
                .chain(b -> shields.endOfShieldUp(friend, now).map(shield -> {
                    if (b == null || !b.userId().equals(friend)) {
                        throw ProblemException.notFound(friend + " has no energy ball " + ballId);
                    }
                    if (b.kind() != EnergyBall.Kind.ACTION) {
                        throw ProblemException.conflict("Energy a friend watered cannot be collected by others");
                    }
                    if (b.collectedAt() != null) {
                        throw ProblemException.conflict("Ball " + ballId + " was already collected");
                    }
                    if (!b.expiresAt().isAfter(now)) {
                        throw new ProblemException(410, "Gone", "Ball " + ballId + " expired at " + b.expiresAt());
                    }
                    if (b.ripensAt().isAfter(now)) {
                        throw ProblemException.conflict("Ball " + ballId + " is not ripe until " + b.ripensAt());
                    }
                    if (shield != null) {
                        throw ProblemException.conflict(friend + "'s energy is protected by a shield until " + shield);
                    }
                    throw ProblemException.conflict("Ball " + ballId + " cannot be collected now");
                }));
    }

    /** Gives a friend energy from your balance as a ball they can collect at once. */
    public Uni<Watered> water(String user, String friend) {
        Instant now = clock.instant();
        return db.transaction(() -> requireFriends(user, friend)
                .chain(() -> friends.water(user, friend, ForestCalendar.day(now), wateringsPerDay))
                .chain(times -> {
                    if (times == null) {
                        throw ProblemException.conflict("You have watered " + friend + " " + wateringsPerDay
                                + " times today, the most a day allows");
                    }
                    return spending.spend(user, wateringGrams, "watering")
                            .chain(() -> accounts.open(friend, now))
                            .chain(() -> balls.insertWatering(
                                    UUID.randomUUID(), friend, user, wateringGrams, now, ForestCalendar.expiresAt(now)))
                            .chain(() -> accounts.balance(user))
                            .map(b -> new Watered(friend, wateringGrams, times, b));
                }));
    }

    /** Gives a user shield items, each lasting {@code hours}. */
    public Uni<Shield> grantShields(String user, int items, int hours) {
        return db.transaction(() -> shields.grant(user, items, hours).chain(() -> shield(user)));
    }

    /** Uses one shield item: protected from now (or from the end of the current shield) for the item's hours. */
    public Uni<Shield> raiseShield(String user) {
        Instant now = clock.instant();
        return db.transaction(() -> shields.raise(user, now).chain(raised -> {
            if (!raised) {
                throw ProblemException.conflict("You have no shield items");
            }
            return shield(user);
        }));
    }

    public Uni<Shield> myShield(String user) {
        return shield(user);
    }

    private Uni<Shield> shield(String user) {
        Instant now = clock.instant();
        return shields.state(user)
                .map(s -> s == null
                        ? new Shield(null, 0)
                        : new Shield(s.endsAt() == null || !s.endsAt().isAfter(now) ? null : s.endsAt(), s.items()));
    }
}
