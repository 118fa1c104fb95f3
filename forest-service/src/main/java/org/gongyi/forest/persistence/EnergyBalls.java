package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.persistence.Sql;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.bigint;
import static org.gongyi.common.persistence.Sql.name;
import static org.gongyi.common.persistence.Sql.text;
import static org.gongyi.common.persistence.Sql.timestamptz;
import static org.gongyi.common.persistence.Sql.uuid;

/**
 * Energy balls: collecting (a conditional update, so a ball is collected once), friends' takes (under the ball's row
 * lock, once per ball for each friend) and watering.
 */
@ApplicationScoped
public class EnergyBalls {

    /** What is left of a ball open to friends, and whether the caller took from it already. */
    public record OpenToFriends(long leftGrams, boolean takenByCaller) {
        static OpenToFriends from(Row row) {
            return new OpenToFriends(row.getLong("left_grams"), row.getBoolean("taken_by_caller"));
        }
    }

    /** A credited action's ball; {@code sourceEventId}: the action's event. */
    public record FromAction(
            UUID id,
            String userId,
            String actionType,
            UUID actionId,
            long grams,
            Instant ripensAt,
            Instant expiresAt,
            Instant createdAt,
            UUID sourceEventId) {}

    private static final String BY_ID = "select %s from energy_ball where id = $1".formatted(EnergyBall.COLUMNS);
    /** The user's balls not collected and not expired, ripening first. */
    private static final String NOT_COLLECTED = """
            select %s from energy_ball
            where user_id = $1 and collected_at is null and expires_at > $2
            order by ripens_at, id limit $3
            """.formatted(EnergyBall.COLUMNS);

    private static final String RIPE = """
            select %s from energy_ball
            where user_id = $1 and collected_at is null and ripens_at <= $2 and expires_at > $2
            order by ripens_at, id limit $3
            """.formatted(EnergyBall.COLUMNS);
    /** One ripe ball of the owner's, once: what friends took stays with them. */
    private static final String COLLECT_ONE = """
            update energy_ball set collected_at = $3, collected_grams = grams - coalesce(friend_grams, 0)
            where id = $1 and user_id = $2 and collected_at is null and ripens_at <= $3 and expires_at > $3
            returning collected_grams
            """;

    private static final String COLLECT_ALL = """
            update energy_ball set collected_at = $2, collected_grams = grams - coalesce(friend_grams, 0)
            where user_id = $1 and collected_at is null and ripens_at <= $2 and expires_at > $2
            returning collected_grams
            """;
    /** The ball a friend may take from now, locked until the transaction ends; none when it is not open to friends. */
    private static final String LOCK_BALL_OPEN_TO_FRIENDS = """
            select b.grams - coalesce(b.friend_grams, 0) as left_grams,
                   exists (select 1 from ball_take t where t.ball_id = b.id and t.friend_id = $3) as taken_by_caller
            from energy_ball b
            where b.id = $1 and b.user_id = $2 and b.kind = 'ACTION' and b.collected_at is null
              and b.ripens_at <= $4 and b.expires_at > $4
              and not exists (select 1 from shield s where s.user_id = $2 and s.ends_at > $4)
            for update of b
            """;

    private static final String RECORD_TAKE = """
            insert into ball_take (ball_id, friend_id, grams, taken_at, owner_id) values ($1, $2, $3, $4, $5)
            on conflict do nothing
            """;
    private static final String ADD_TO_FRIENDS_PART = """
            update energy_ball set friend_grams = coalesce(friend_grams, 0) + $2 where id = $1
            """;
    /** Watering: a ball ripe at once. */
    private static final String INSERT_WATERING = """
            insert into energy_ball (id, user_id, kind, from_user, grams, ripens_at, expires_at, created_at)
            values ($1, $2, 'WATERING', $3, $4, $5, $6, $5)
            """;
    /** Balls of credited actions: one text array per column, in order. */
    private static final String INSERT_FROM_ACTIONS = """
            insert into energy_ball (id, user_id, kind, action_type, action_id, grams, ripens_at, expires_at, created_at,
                                     source_event_id)
            select id, user_id, kind, action_type, action_id, grams, ripens_at, expires_at, created_at, source_event_id
            from unnest(cast($1 as uuid[]), cast($2 as text[]), cast($3 as text[]), cast($4 as text[]),
                        cast($5 as uuid[]), cast($6 as bigint[]), cast($7 as timestamptz[]), cast($8 as timestamptz[]),
                        cast($9 as timestamptz[]), cast($10 as uuid[]))
                 with ordinality as u(id, user_id, kind, action_type, action_id, grams, ripens_at, expires_at,
                                      created_at, source_event_id, n)
            order by n
            """;

    /** A ball's columns, as {@code INSERT_FROM_ACTIONS} takes them. */
    private static final Sql.Columns<FromAction> FROM_ACTIONS = Sql.Columns.of(
            uuid(FromAction::id),
            text(FromAction::userId),
            name(b -> EnergyBall.Kind.ACTION),
            text(FromAction::actionType),
            uuid(FromAction::actionId),
            bigint(FromAction::grams),
            timestamptz(FromAction::ripensAt),
            timestamptz(FromAction::expiresAt),
            timestamptz(FromAction::createdAt),
            uuid(FromAction::sourceEventId));

    private final Db db;

    public EnergyBalls(Db db) {
        this.db = db;
    }

    /** The ball, or null. */
    public Uni<EnergyBall> find(UUID id) {
        return db.first(BY_ID, EnergyBall::from, id);
    }

    /** Up to {@code limit} of the user's balls not collected and not expired at {@code now}, ripening first. */
    public Uni<List<EnergyBall>> notCollected(String user, Instant now, int limit) {
        return db.list(NOT_COLLECTED, EnergyBall::from, user, now, limit);
    }

    /** Up to {@code limit} of the user's ripe balls, ripening first. */
    public Uni<List<EnergyBall>> ripe(String user, Instant now, int limit) {
        return db.list(RIPE, EnergyBall::from, user, now, limit);
    }

    /** Collects the owner's ripe ball: the grams collected, or nothing when it is not collectable. */
    public Uni<List<Long>> collect(UUID id, String user, Instant now) {
        return db.list(COLLECT_ONE, row -> row.getLong("collected_grams"), id, user, now);
    }

    /** Collects every ripe ball of the owner's: the grams of each. */
    public Uni<List<Long>> collectAll(String user, Instant now) {
        return db.list(COLLECT_ALL, row -> row.getLong("collected_grams"), user, now);
    }

    /** The owner's ball locked for this transaction if friends may take from it now; null otherwise. */
    public Uni<OpenToFriends> lockOpenToFriends(UUID id, String owner, String friend, Instant now) {
        return db.first(LOCK_BALL_OPEN_TO_FRIENDS, OpenToFriends::from, id, owner, friend, now);
    }

    /** Records a friend's take; false when that friend took from the ball before. */
    public Uni<Boolean> recordTake(UUID id, String owner, String friend, long grams, Instant now) {
        return db.update(RECORD_TAKE, id, friend, grams, now, owner).map(n -> n == 1);
    }

    public Uni<Integer> addToFriendsPart(UUID id, long grams) {
        return db.update(ADD_TO_FRIENDS_PART, id, grams);
    }

    public Uni<Integer> insertWatering(
            UUID id, String user, String fromUser, long grams, Instant ripensAt, Instant expiresAt) {
        return db.update(INSERT_WATERING, id, user, fromUser, grams, ripensAt, expiresAt);
    }

    /** Writes the balls of credited actions with one statement. */
    public Uni<Integer> insertFromActions(List<FromAction> balls) {
        if (balls.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return db.update(INSERT_FROM_ACTIONS, FROM_ACTIONS.params(balls));
    }
}
