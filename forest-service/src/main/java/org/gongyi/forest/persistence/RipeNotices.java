package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Who is told that their energy ripened, once per person and Shanghai day. */
@ApplicationScoped
public class RipeNotices {

    /** A person told: their uncollected action balls that ripened that day. */
    public record Notice(String userId, int balls, long grams) {}

    /**
     * Up to $4 people not told yet on day $3 whose action balls ripened from $2 to $1 and are not collected, each with
     * their balls and grams: recorded as told, and returned (in user order, so chunks never overlap).
     */
    private static final String TELL_NEXT = """
            with due as (
                select user_id, count(*) as balls, sum(grams - coalesce(friend_grams, 0)) as grams
                from energy_ball
                where kind = 'ACTION' and collected_at is null and ripens_at >= $2 and ripens_at <= $1
                  and not exists (select 1 from ripe_notice n where n.user_id = energy_ball.user_id and n.day = $3)
                group by user_id
                having sum(grams - coalesce(friend_grams, 0)) > 0
                order by user_id
                limit $4)
            insert into ripe_notice (user_id, day, balls, grams, noticed_at)
            select user_id, $3, balls, grams, $1 from due
            on conflict do nothing
            returning user_id, balls, grams""";

    private final Db db;

    public RipeNotices(Db db) {
        this.db = db;
    }

    /** Records the next {@code limit} people to tell on {@code day}: balls ripened from {@code since} to {@code now}. */
    public Uni<List<Notice>> tellNext(Instant now, Instant since, LocalDate day, int limit) {
        return db.list(
                TELL_NEXT,
                r -> new Notice(r.getString("user_id"), r.getInteger("balls"), r.getLong("grams")),
                now,
                since,
                day,
                limit);
    }
}
