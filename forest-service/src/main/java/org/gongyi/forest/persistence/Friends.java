package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Friend links (a link is one user's request; two links, both ways, make a friendship) and waterings per waterer,
 * friend and Shanghai day (counted by a conditional upsert, so the daily limit holds).
 */
@ApplicationScoped
public class Friends {

    /** Another user linked with the user: asked by the user ({@code outgoing}), by them ({@code incoming}), or both. */
    public record Link(String friendId, boolean outgoing, boolean incoming, Instant since) {
        static Link from(Row row) {
            return new Link(
                    row.getString("friend_id"),
                    row.getBoolean("outgoing"),
                    row.getBoolean("incoming"),
                    Db.instant(row, "since"));
        }
    }

    /** A place on the friends' leaderboard: energy collected in the week, trees owned (co-planted ones too). */
    public record Standing(int rank, String userId, long weekGrams, long trees) {
        static Standing from(Row row) {
            return new Standing(
                    row.getInteger("rank"), row.getString("user_id"), row.getLong("week_grams"), row.getLong("trees"));
        }
    }

    /** Something a friend did to the user: took energy from one of their balls, or watered them. */
    public record FeedEntry(String kind, String friendId, long grams, Instant at) {
        static FeedEntry from(Row row) {
            return new FeedEntry(
                    row.getString("kind"), row.getString("friend_id"), row.getLong("grams"), Db.instant(row, "at"));
        }
    }

    /**
     * The user and their friends (both asked), ranked by the energy each collected in the week starting $2 (ties
     * share a rank), then by trees owned.
     */
    private static final String LEADERBOARD = """
            with people as (
                select cast($1 as varchar) as user_id
                union
                select o.friend_id from friend_link o
                join friend_link i on i.user_id = o.friend_id and i.friend_id = o.user_id
                where o.user_id = $1),
            standing as (
                select p.user_id, coalesce(w.grams, 0) as week_grams,
                       (select count(*) from tree_owner t where t.user_id = p.user_id) as trees
                from people p left join collected_week w on w.user_id = p.user_id and w.week_start = $2)
            select cast(rank() over (order by week_grams desc, trees desc) as int) as rank, user_id, week_grams, trees
            from standing
            order by rank, user_id""";
    /** Who took from the user's balls and who watered them, newest first. */
    private static final String FEED = """
            select 'TOOK' as kind, friend_id, grams, taken_at as at from ball_take where owner_id = $1
            union all
            select 'WATERED', from_user, grams, created_at from energy_ball where user_id = $1 and kind = 'WATERING'
            order by at desc, kind, friend_id
            limit $2 offset $3""";

    private static final String ASK = """
            insert into friend_link (user_id, friend_id, created_at) values ($1, $2, $3) on conflict do nothing
            """;
    /** Both directions. */
    private static final String UNLINK = """
            delete from friend_link where (user_id = $1 and friend_id = $2) or (user_id = $2 and friend_id = $1)
            """;
    /** The user's links (only the one with $2 unless it is null), by the other user. */
    private static final String LINKS = """
            select coalesce(o.friend_id, i.user_id) as friend_id, o.created_at is not null as outgoing,
                   i.created_at is not null as incoming, greatest(o.created_at, i.created_at) as since
            from (select friend_id, created_at from friend_link where user_id = $1) o
            full join (select user_id, created_at from friend_link where friend_id = $1) i on i.user_id = o.friend_id
            where cast($2 as varchar) is null or coalesce(o.friend_id, i.user_id) = cast($2 as varchar)
            order by 1 limit 1000
            """;

    private static final String LINKS_BETWEEN = """
            select count(*) as links from friend_link
            where (user_id = $1 and friend_id = $2) or (user_id = $2 and friend_id = $1)
            """;
    /** One more watering of the day unless that passes the limit ($4); the times of the day after it. */
    private static final String WATER_WITHIN_LIMIT = """
            insert into watering (waterer, friend, day, times) values ($1, $2, $3, 1)
            on conflict (waterer, friend, day) do update set times = watering.times + 1
            where watering.times < $4
            returning times
            """;

    private final Db db;

    public Friends(Db db) {
        this.db = db;
    }

    /** Links the user to the friend (once). */
    public Uni<Integer> ask(String user, String friend, Instant now) {
        return db.update(ASK, user, friend, now);
    }

    public Uni<Integer> unlink(String user, String friend) {
        return db.update(UNLINK, user, friend);
    }

    /** The user's links, by the other user (at most 1000); only the one with {@code only} unless that is null. */
    public Uni<List<Link>> links(String user, String only) {
        return db.list(LINKS, Link::from, user, only);
    }

    /** True when both asked: friends. */
    public Uni<Boolean> areFriends(String user, String friend) {
        return db.first(LINKS_BETWEEN, row -> row.getLong("links"), user, friend)
                .map(n -> n >= 2);
    }

    /** The user and their friends, ranked for the week starting {@code weekStart}. */
    public Uni<List<Standing>> leaderboard(String user, LocalDate weekStart) {
        return db.list(LEADERBOARD, Standing::from, user, weekStart);
    }

    /** A page of what friends did to the user, newest first. */
    public Uni<List<FeedEntry>> feed(String user, int page, int size) {
        return db.list(FEED, FeedEntry::from, user, size, page * size);
    }

    /** The user's waterings of the friend that day, this one included; null when the limit was reached. */
    public Uni<Integer> water(String user, String friend, LocalDate day, int perDay) {
        return db.first(WATER_WITHIN_LIMIT, row -> row.getInteger("times"), user, friend, day, perDay);
    }
}
