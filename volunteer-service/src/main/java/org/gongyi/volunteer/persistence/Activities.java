package org.gongyi.volunteer.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.volunteer.domain.GeoPoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class Activities {

    /**
     * What people look for among the open activities not yet over (each null when not asked): a city (exactly, in any
     * case), a category, a start from {@code startsFrom} (inclusive) to {@code startsBefore} (exclusive), a place
     * within {@code near}.
     */
    public record Search(String city, Activity.Category category, Instant startsFrom, Instant startsBefore, Near near) {
        public static final Search ALL = new Search(null, null, null, null, null);
    }

    /** Within {@code metres} of {@code point}: the distance to the metre at most {@code metres} ({@link GeoPoint}). */
    public record Near(GeoPoint point, int metres) {}

    private static final String INSERT = """
            insert into activity (id, organisation_id, title, description, place, starts_at, ends_at, sign_up_deadline,
                                  capacity, confirmed, status, created_by, created_at, check_in_code, city, category,
                                  latitude, longitude, pos, check_in_radius_m)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                    ll_to_earth($17, $18), $19)
            """;
    private static final String BY_ID = "select %s from activity where id = $1".formatted(Activity.COLUMNS);
    /** Sign-ups and cancellations of one activity queue on this lock, so the capacity holds. */
    private static final String BY_ID_LOCKED = BY_ID + " for update";

    /**
     * The open activities not yet over at {@code $1} matching every condition given (the first {@code %s}: each
     * preceded by {@code and}), in start order.
     */
    private static final String SEARCH = """
            select %s from activity
            where status = 'OPEN' and ends_at > $1%%s
            order by starts_at, id limit $%%d offset $%%d
            """.formatted(Activity.COLUMNS);

    private static final String IN_CITY = "lower(city) = lower($%d)";
    private static final String IN_CATEGORY = "category = $%d";
    private static final String STARTS_FROM = "starts_at >= $%d";
    private static final String STARTS_BEFORE = "starts_at < $%d";
    /**
     * Within {@code $3} metres of the point ({@code $1}, {@code $2}), to the metre; the GiST index on {@code pos}
     * narrows the search to the box a metre wider (a distance up to half a metre beyond rounds down into the radius).
     */
    private static final String WITHIN = """
            earth_box(ll_to_earth($%1$d, $%2$d), cast($%3$d as double precision) + 1) @> pos
            and round(earth_distance(ll_to_earth($%1$d, $%2$d), pos)) <= cast($%3$d as double precision)""";

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
                        a.checkInCode(),
                        a.city(),
                        a.category(),
                        a.location() == null ? null : a.location().latitude(),
                        a.location() == null ? null : a.location().longitude(),
                        a.checkInRadiusM())
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

    /** A page of the open activities not yet over at {@code now} matching {@code search}, in start order. */
    public Uni<List<Activity>> search(Search search, Instant now, int page, int size) {
        StringBuilder conditions = new StringBuilder();
        List<Object> params = new ArrayList<>(List.of(now));
        if (search.city() != null) {
            params.add(search.city());
            conditions.append(" and ").append(IN_CITY.formatted(params.size()));
        }
        if (search.category() != null) {
            params.add(search.category());
            conditions.append(" and ").append(IN_CATEGORY.formatted(params.size()));
        }
        if (search.startsFrom() != null) {
            params.add(search.startsFrom());
            conditions.append(" and ").append(STARTS_FROM.formatted(params.size()));
        }
        if (search.startsBefore() != null) {
            params.add(search.startsBefore());
            conditions.append(" and ").append(STARTS_BEFORE.formatted(params.size()));
        }
        if (search.near() != null) {
            params.add(search.near().point().latitude());
            params.add(search.near().point().longitude());
            params.add((double) search.near().metres());
            conditions.append(" and ").append(WITHIN.formatted(params.size() - 2, params.size() - 1, params.size()));
        }
        params.add(size);
        params.add(page * size);
        String sql = SEARCH.formatted(conditions, params.size() - 1, params.size());
        return db.list(sql, Activity::from, params.toArray());
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
