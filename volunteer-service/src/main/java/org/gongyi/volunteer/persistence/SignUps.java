package org.gongyi.volunteer.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sign-ups; every change of an activity's sign-ups runs under that activity's lock ({@link Activities#lock}). */
@ApplicationScoped
public class SignUps {

    private static final String ACTIVE = """
            select %s from sign_up where activity_id = $1 and user_id = $2 and status <> 'CANCELLED'
            """.formatted(SignUp.COLUMNS);
    private static final String CONFIRMED = """
            select %s from sign_up where activity_id = $1 and user_id = $2 and status = 'CONFIRMED'
            """.formatted(SignUp.COLUMNS);
    private static final String INSERT = """
            insert into sign_up (id, activity_id, user_id, status, signed_up_at, confirmed_at)
            values ($1, $2, $3, $4, $5, $6)
            returning %s
            """.formatted(SignUp.COLUMNS);
    private static final String CANCEL = """
            update sign_up set status = 'CANCELLED', cancelled_at = $2 where id = $1
            """;
    /** The first on the wait-list takes the freed place. */
    private static final String PROMOTE_FIRST_WAITLISTED = """
            update sign_up set status = 'CONFIRMED', confirmed_at = $2
            where id = (select id from sign_up where activity_id = $1 and status = 'WAITLISTED' order by seq limit 1)
            """;

    private static final String USERS_SIGNED_UP = """
            select user_id from sign_up where activity_id = $1 and status <> 'CANCELLED' order by seq
            """;
    private static final String USERS_CONFIRMED = """
            select user_id from sign_up where activity_id = $1 and status = 'CONFIRMED' order by seq
            """;
    private static final String OF_USER = """
            select %s from sign_up where user_id = $1 order by signed_up_at desc limit 200
            """.formatted(SignUp.COLUMNS);
    private static final String ROSTER = """
            select %s from sign_up where activity_id = $1 and status <> 'CANCELLED' order by seq limit 100000
            """.formatted(SignUp.COLUMNS);

    private final Db db;

    public SignUps(Db db) {
        this.db = db;
    }

    /** The user's confirmed or wait-listed sign-up to the activity, or null. */
    public Uni<SignUp> active(UUID activityId, String user) {
        return db.first(ACTIVE, SignUp::from, activityId, user);
    }

    /** The user's confirmed sign-up to the activity, or null. */
    public Uni<SignUp> confirmed(UUID activityId, String user) {
        return db.first(CONFIRMED, SignUp::from, activityId, user);
    }

    public Uni<SignUp> insert(UUID id, UUID activityId, String user, SignUp.Status status, Instant now) {
        return db.first(
                INSERT,
                SignUp::from,
                id,
                activityId,
                user,
                status,
                now,
                status == SignUp.Status.CONFIRMED ? now : null);
    }

    public Uni<Integer> cancel(UUID id, Instant now) {
        return db.update(CANCEL, id, now);
    }

    /** 1 when someone was promoted, 0 when the wait-list was empty. */
    public Uni<Integer> promoteFirstWaitlisted(UUID activityId, Instant now) {
        return db.update(PROMOTE_FIRST_WAITLISTED, activityId, now);
    }

    /** Everyone confirmed or wait-listed, in sign-up order. */
    public Uni<List<String>> usersSignedUp(UUID activityId) {
        return db.list(USERS_SIGNED_UP, row -> row.getString("user_id"), activityId);
    }

    public Uni<List<String>> usersConfirmed(UUID activityId) {
        return db.list(USERS_CONFIRMED, row -> row.getString("user_id"), activityId);
    }

    /** The user's latest 200 sign-ups, newest first. */
    public Uni<List<SignUp>> ofUser(String user) {
        return db.list(OF_USER, SignUp::from, user);
    }

    public Uni<List<SignUp>> roster(UUID activityId) {
        return db.list(ROSTER, SignUp::from, activityId);
    }
}
