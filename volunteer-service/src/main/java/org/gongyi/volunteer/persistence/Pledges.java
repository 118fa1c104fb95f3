package org.gongyi.volunteer.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;

/** The yearly 3-hour pledges people take: one a person a year. */
@ApplicationScoped
public class Pledges {

    /** A person's pledge of a year (China Standard Time), taken at {@code pledgedAt}. */
    public record Pledge(String userId, int year, Instant pledgedAt) {
        static final String COLUMNS = "user_id, year, pledged_at";

        static Pledge from(Row row) {
            return new Pledge(row.getString("user_id"), row.getInteger("year"), Db.instant(row, "pledged_at"));
        }
    }

    /** Nothing when the person took the year's pledge before (a concurrent taker waits for the first to commit). */
    private static final String TAKE = """
            insert into pledge (user_id, year, pledged_at) values ($1, $2, $3)
            on conflict (user_id, year) do nothing
            returning %s""".formatted(Pledge.COLUMNS);

    private static final String OF_YEAR = """
            select %s from pledge where user_id = $1 and year = $2""".formatted(Pledge.COLUMNS);

    private final Db db;

    public Pledges(Db db) {
        this.db = db;
    }

    /** The pledge taken now; null when the person took the year's pledge before. */
    public Uni<Pledge> take(String user, int year, Instant now) {
        return db.first(TAKE, Pledge::from, user, year, now);
    }

    /** The person's pledge of the year, or null. */
    public Uni<Pledge> of(String user, int year) {
        return db.first(OF_YEAR, Pledge::from, user, year);
    }
}
