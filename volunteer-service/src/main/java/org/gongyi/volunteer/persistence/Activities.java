package org.gongyi.volunteer.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class Activities {

    private static final String INSERT = """
            insert into activity (id, organisation_id, title, description, place, starts_at, ends_at, sign_up_deadline,
                                  capacity, confirmed, status, created_by, created_at, check_in_code)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """;
    private static final String BY_ID = "select %s from activity where id = $1".formatted(Activity.COLUMNS);
    /** Sign-ups and cancellations of one activity queue on this lock, so the capacity holds. */
    private static final String BY_ID_LOCKED = BY_ID + " for update";

    private static final String UPCOMING = """
            select %s from activity
            where status = 'OPEN' and ends_at > $1
            order by starts_at, id limit $2 offset $3
            """.formatted(Activity.COLUMNS);
    private static final String CANCEL_OPEN = """
            update activity set status = 'CANCELLED', cancelled_at = $2
            where id = $1 and status = 'OPEN'
            returning %s
            """.formatted(Activity.COLUMNS);
    private static final String CHANGE_CONFIRMED = "update activity set confirmed = confirmed + $2 where id = $1";
    /** The next open activity starting within the window and not reminded yet; one instance takes it. */
    private static final String NEXT_TO_REMIND = """
            select %s from activity
            where status = 'OPEN' and reminded_at is null and starts_at > $1 and starts_at <= $2
            order by starts_at limit 1
            for update skip locked
            """.formatted(Activity.COLUMNS);

    private static final String MARK_REMINDED = "update activity set reminded_at = $2 where id = $1";

    private final Db db;

    public Activities(Db db) {
        this.db = db;
    }

    public Uni<Activity> insert(Activity a) {
        return db.update(
                        INSERT,
                        a.id(),
                        a.organisationId(),
                        a.title(),
                        a.description(),
                        a.place(),
                        a.startsAt(),
                        a.endsAt(),
                        a.signUpDeadline(),
                        a.capacity(),
                        a.confirmed(),
                        a.status(),
                        a.createdBy(),
                        a.createdAt(),
                        a.checkInCode())
                .replaceWith(a);
    }

    /** The activity, or null. */
    public Uni<Activity> find(UUID id) {
        return db.first(BY_ID, Activity::from, id);
    }

    /** The activity locked for this transaction, or null. */
    public Uni<Activity> lock(UUID id) {
        return db.first(BY_ID_LOCKED, Activity::from, id);
    }

    public Uni<List<Activity>> upcoming(Instant now, int page, int size) {
        return db.list(UPCOMING, Activity::from, now, size, page * size);
    }

    /** Cancels an open activity; null when it was not open. */
    public Uni<Activity> cancelOpen(UUID id, Instant now) {
        return db.first(CANCEL_OPEN, Activity::from, id, now);
    }

    public Uni<Integer> changeConfirmed(UUID id, int by) {
        return db.update(CHANGE_CONFIRMED, id, by);
    }

    /** The next activity to remind (locked), or null. */
    public Uni<Activity> nextToRemind(Instant from, Instant to) {
        return db.first(NEXT_TO_REMIND, Activity::from, from, to);
    }

    public Uni<Integer> markReminded(UUID id, Instant now) {
        return db.update(MARK_REMINDED, id, now);
    }
}
