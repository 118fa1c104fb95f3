package org.gongyi.forest.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Sql;
import org.gongyi.forest.domain.ForestCalendar;
import org.gongyi.forest.domain.FriendShare;
import org.gongyi.forest.persistence.EnergyAccounts;
import org.gongyi.forest.persistence.EnergyBall;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.instant;
import static org.gongyi.common.persistence.Sql.utc;

/**
 * Friends (an explicit, mutual list), collecting a share of a friend's ripe ball, shields, watering. Every rule holds
 * under concurrent requests (a condition of one SQL statement, or a locked row): once per ball for each friend, no
 * collection while the owner's shield is up, at most so many waterings per friend per Shanghai day.
 */
@ApplicationScoped
public class FriendService {

    private final Clock clock;
    private final FriendShare share;
    private final long wateringGrams;
    private final int wateringsPerDay;

    public FriendService(Clock clock,
                         @ConfigProperty(name = "gongyi.forest.friend-share-percent") int sharePercent,
                         @ConfigProperty(name = "gongyi.forest.watering-grams") long wateringGrams,
                         @ConfigProperty(name = "gongyi.forest.waterings-per-friend-per-day") int wateringsPerDay) {
        this.clock = clock;
        this.share = new FriendShare(sharePercent);
        this.wateringGrams = wateringGrams;
        this.wateringsPerDay = wateringsPerDay;
    }

    public enum Status {
        /** Both asked: friends. */
        FRIEND,
        /** You asked, they have not yet. */
        REQUESTED,
        /** They asked you. */
        INVITED
    }

    public record Friend(String userId, Status status, Instant since) {
    }

    public record FriendEnergy(String userId, Instant shieldUntil, List<EnergyBall> ripe) {
    }

    public record Taken(String friendId, UUID ballId, long grams, long balanceGrams) {
    }

    public record Watered(String friendId, long grams, int timesToday, long balanceGrams) {
    }

    public record Shield(Instant endsAt, int itemsLeft) {
    }

    /** Asks {@code friend} to be friends, or accepts their request. Asking again changes nothing. */
    @WithTransaction
    public Uni<Friend> add(String user, String friend) {
        if (user.equals(friend)) {
            throw ProblemException.badRequest("You cannot befriend yourself");
        }
        return Sql.exec("insert into friend_link (user_id, friend_id, created_at) values (?1, ?2, ?3) "
                        + "on conflict do nothing", user, friend, utc(clock.instant()))
                .chain(() -> friends(user, friend)).map(l -> l.get(0));
    }

    /** Ends a friendship (or withdraws / declines a request): both directions go. */
    @WithTransaction
    public Uni<Void> remove(String user, String friend) {
        return Sql.exec("delete from friend_link where (user_id = ?1 and friend_id = ?2) or (user_id = ?2 and friend_id = ?1)",
                user, friend).replaceWithVoid();
    }

    @WithSession
    public Uni<List<Friend>> list(String user) {
        return friends(user, null);
    }

    private static Uni<List<Friend>> friends(String user, String only) {
        return Sql.rows("select coalesce(o.friend_id, i.user_id), o.created_at is not null, i.created_at is not null, "
                        + "greatest(o.created_at, i.created_at) "
                        + "from (select friend_id, created_at from friend_link where user_id = ?1) o "
                        + "full join (select user_id, created_at from friend_link where friend_id = ?1) i "
                        + "on i.user_id = o.friend_id "
                        + "where cast(?2 as text) is null or coalesce(o.friend_id, i.user_id) = ?2 "
                        + "order by 1 limit 1000",
                r -> new Friend((String) r[0], (Boolean) r[1] && (Boolean) r[2] ? Status.FRIEND
                        : (Boolean) r[1] ? Status.REQUESTED : Status.INVITED, instant(r[3])), user, only);
    }

    static Uni<Void> requireFriends(String user, String friend) {
        return Sql.numbers("select count(*) from friend_link where (user_id = ?1 and friend_id = ?2) "
                + "or (user_id = ?2 and friend_id = ?1)", user, friend).invoke(n -> {
            if (n[0] < 2) {
                throw ProblemException.forbidden("You and " + friend + " are not friends");
            }
        }).replaceWithVoid();
    }

    /** A friend's ripe balls (what you might collect) and their shield. */
    @WithSession
    public Uni<FriendEnergy> energy(String user, String friend) {
        Instant now = clock.instant();
        return requireFriends(user, friend)
                .chain(() -> shieldEnd(friend, now))
                .chain(shield -> EnergyBall.<EnergyBall>find("userId = ?1 and collectedAt is null and ripensAt <= ?2 "
                                + "and expiresAt > ?2", Sort.by("ripensAt").and("id"), friend, now)
                        .range(0, BallService.MAX_BALLS_SHOWN - 1).list()
                        .map(balls -> new FriendEnergy(friend, shield, balls)));
    }

    private static Uni<Instant> shieldEnd(String user, Instant now) {
        return Sql.rows("select ends_at from shield where user_id = ?1 and ends_at > ?2", r -> instant(r[0]),
                user, utc(now)).map(l -> l.isEmpty() ? null : l.get(0));
    }

    /** The ball a friend may take from now, locked until the transaction ends; none when it is not open to friends. */
    private static final String LOCK_BALL_OPEN_TO_FRIENDS = """
            select b.grams - coalesce(b.friend_grams, 0) as left_grams,
                   exists (select 1 from ball_take t where t.ball_id = b.id and t.friend_id = ?3) as taken_by_caller
            from energy_ball b
            where b.id = ?1 and b.user_id = ?2 and b.kind = 'ACTION' and b.collected_at is null
              and b.ripens_at <= ?4 and b.expires_at > ?4
              and not exists (select 1 from shield s where s.user_id = ?2 and s.ends_at > ?4)
            for update of b
            """;
    private static final String RECORD_TAKE = """
            insert into ball_take (ball_id, friend_id, grams, taken_at) values (?1, ?2, ?3, ?4)
            on conflict do nothing
            """;
    private static final String ADD_TO_FRIENDS_PART = """
            update energy_ball set friend_grams = coalesce(friend_grams, 0) + ?2 where id = ?1
            """;

    private record OpenBall(long leftGrams, boolean takenByCaller) {
    }

    /**
     * Takes the configured share of what is left of a friend's ripe, uncollected ball: once per ball for each friend,
     * never through a shield. Friends taking from one ball at once wait for each other on its row.
     */
    @WithTransaction
    public Uni<Taken> collect(String user, String friend, UUID ballId) {
        Instant now = clock.instant();
        return requireFriends(user, friend)
                .chain(() -> Sql.rows(LOCK_BALL_OPEN_TO_FRIENDS,
                        r -> new OpenBall(Sql.number(r[0]), (Boolean) r[1]), ballId, friend, user, utc(now)))
                .chain(open -> {
                    if (open.isEmpty()) {
                        return whyNot(friend, ballId, now);
                    }
                    if (open.get(0).takenByCaller()) {
                        throw ProblemException.conflict("You already collected from ball " + ballId);
                    }
                    long grams = share.take(open.get(0).leftGrams());
                    if (grams == 0) {
                        throw ProblemException.conflict("Nothing is left for friends on ball " + ballId);
                    }
                    return Sql.exec(RECORD_TAKE, ballId, user, grams, utc(now))
                            .invoke(recorded -> {
                                if (recorded == 0) { // the same friend's request at the same moment
                                    throw ProblemException.conflict("You already collected from ball " + ballId);
                                }
                            })
                            .chain(() -> Sql.exec(ADD_TO_FRIENDS_PART, ballId, grams))
                            .chain(() -> EnergyAccounts.collect(user, grams, now))
                            .chain(() -> Sql.numbers("select balance_grams from energy_account where user_id = ?1", user))
                            .map(b -> new Taken(friend, ballId, grams, b[0]));
                });
    }

    private static <T> Uni<T> whyNot(String friend, UUID ballId, Instant now) {
        return EnergyBall.<EnergyBall>findById(ballId).chain(b -> shieldEnd(friend, now).map(shield -> {
            if (b == null || !b.userId.equals(friend)) {
                throw ProblemException.notFound(friend + " has no energy ball " + ballId);
            }
            if (b.kind != EnergyBall.Kind.ACTION) {
                throw ProblemException.conflict("Energy a friend watered cannot be collected by others");
            }
            if (b.collectedAt != null) {
                throw ProblemException.conflict("Ball " + ballId + " was already collected");
            }
            if (!b.expiresAt.isAfter(now)) {
                throw new ProblemException(410, "Gone", "Ball " + ballId + " expired at " + b.expiresAt);
            }
            if (b.ripensAt.isAfter(now)) {
                throw ProblemException.conflict("Ball " + ballId + " is not ripe until " + b.ripensAt);
            }
            if (shield != null) {
                throw ProblemException.conflict(friend + "'s energy is protected by a shield until " + shield);
            }
            throw ProblemException.conflict("Ball " + ballId + " cannot be collected now");
        }));
    }

    /** Gives a friend energy from your balance as a ball they can collect at once. */
    @WithTransaction
    public Uni<Watered> water(String user, String friend) {
        Instant now = clock.instant();
        return requireFriends(user, friend)
                .chain(() -> Sql.rows("insert into watering (waterer, friend, day, times) values (?1, ?2, ?3, 1) "
                                + "on conflict (waterer, friend, day) do update set times = watering.times + 1 "
                                + "where watering.times < ?4 returning times", r -> ((Number) r[0]).intValue(),
                        user, friend, ForestCalendar.day(now), wateringsPerDay))
                .chain(times -> {
                    if (times.isEmpty()) {
                        throw ProblemException.conflict("You have watered " + friend + " " + wateringsPerDay
                                + " times today, the most a day allows");
                    }
                    return PlantingService.spend(user, wateringGrams, "watering")
                            .chain(() -> EnergyAccounts.open(friend, now))
                            .chain(() -> Sql.exec("insert into energy_ball (id, user_id, kind, from_user, grams, ripens_at, "
                                            + "expires_at, created_at) values (?1, ?2, 'WATERING', ?3, ?4, ?5, ?6, ?5)",
                                    UUID.randomUUID(), friend, user, wateringGrams, utc(now),
                                    utc(ForestCalendar.expiresAt(now))))
                            .chain(() -> Sql.numbers("select balance_grams from energy_account where user_id = ?1", user))
                            .map(b -> new Watered(friend, wateringGrams, times.get(0), b[0]));
                });
    }

    /** Gives a user shield items, each lasting {@code hours}. */
    @WithTransaction
    public Uni<Shield> grantShields(String user, int items, int hours) {
        return Sql.exec("insert into shield (user_id, items, item_hours) values (?1, ?2, ?3) on conflict (user_id) "
                        + "do update set items = shield.items + excluded.items, item_hours = excluded.item_hours",
                user, items, hours).chain(() -> shield(user));
    }

    /** Uses one shield item: protected from now (or from the end of the current shield) for the item's hours. */
    @WithTransaction
    public Uni<Shield> raiseShield(String user) {
        Instant now = clock.instant();
        return Sql.exec("update shield set items = items - 1, ends_at = greatest(coalesce(ends_at, ?2), ?2) "
                        + "+ make_interval(hours => item_hours) where user_id = ?1 and items > 0", user, utc(now))
                .chain(n -> {
                    if (n == 0) {
                        throw ProblemException.conflict("You have no shield items");
                    }
                    return shield(user);
                });
    }

    @WithSession
    public Uni<Shield> myShield(String user) {
        return shield(user);
    }

    private Uni<Shield> shield(String user) {
        Instant now = clock.instant();
        return Sql.rows("select ends_at, items from shield where user_id = ?1", r -> new Shield(
                        r[0] == null || !instant(r[0]).isAfter(now) ? null : instant(r[0]), ((Number) r[1]).intValue()), user)
                .map(l -> l.isEmpty() ? new Shield(null, 0) : l.get(0));
    }
}
