package org.gongyi.volunteer.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Sql;
import org.gongyi.volunteer.persistence.Activity;
import org.gongyi.volunteer.persistence.Organisation;
import org.gongyi.volunteer.persistence.SignUp;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.utc;

/**
 * Organisations and their activities, and sign-ups: confirmed up to the capacity, then wait-listed in arrival order.
 * Every sign-up and cancellation of an activity runs under that activity's row lock, so the capacity holds however
 * many arrive at once, and a cancelled confirmed place goes to the first on the wait-list.
 */
@ApplicationScoped
public class ActivityService {

    private static final java.security.SecureRandom CODES = new java.security.SecureRandom();
    private final Clock clock;
    private final ActivityNotices notices;
    private final io.micrometer.core.instrument.MeterRegistry registry;

    public ActivityService(Clock clock, ActivityNotices notices, io.micrometer.core.instrument.MeterRegistry registry) {
        this.clock = clock;
        this.notices = notices;
        this.registry = registry;
    }

    @WithTransaction
    public Uni<Organisation> putOrganisation(String id, String name, boolean verified) {
        Instant now = clock.instant();
        return Organisation.<Organisation>findById(id).chain(existing -> {
            Organisation o = existing == null ? new Organisation() : existing;
            o.name = name;
            o.verifiedAt = !verified ? null : o.verifiedAt == null ? now : o.verifiedAt;
            if (existing != null) {
                return Uni.createFrom().item(o);
            }
            o.id = id;
            o.createdAt = now;
            return o.persist();
        });
    }

    @WithSession
    public Uni<List<Organisation>> organisations(int page, int size) {
        return Organisation.<Organisation>findAll(Sort.by("id")).page(Page.of(page, size)).list();
    }

    @WithTransaction
    public Uni<Activity> create(Activity a) {
        Instant now = clock.instant();
        if (!a.endsAt.isAfter(a.startsAt)) {
            throw ProblemException.badRequest("endsAt must be after startsAt");
        }
        if (a.signUpDeadline.isAfter(a.startsAt)) {
            throw ProblemException.badRequest("signUpDeadline must not be after startsAt");
        }
        if (!a.startsAt.isAfter(now)) {
            throw ProblemException.badRequest("startsAt must be in the future");
        }
        return Organisation.<Organisation>findById(a.organisationId).chain(o -> {
            if (o == null || o.verifiedAt == null) {
                throw ProblemException.badRequest("Organisation " + a.organisationId
                        + " is not verified: an admin verifies it first");
            }
            a.id = UUID.randomUUID();
            a.checkInCode = String.format("%06d", CODES.nextInt(1_000_000));
            a.status = Activity.Status.OPEN;
            a.confirmed = 0;
            a.createdAt = now;
            return a.persist();
        });
    }

    @WithSession
    public Uni<List<Activity>> upcoming(int page, int size) {
        return Activity.<Activity>find("status = ?1 and endsAt > ?2", Sort.by("startsAt").and("id"),
                Activity.Status.OPEN, clock.instant()).page(Page.of(page, size)).list();
    }

    @WithSession
    public Uni<Activity> get(UUID id) {
        return Activity.<Activity>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No activity " + id));
    }

    /** The activity of the caller's organisation ({@code org} null for an admin); 404 otherwise. */
    static Uni<Activity> own(String org, UUID id) {
        return Activity.<Activity>findById(id).map(a -> {
            if (a == null || (org != null && !org.equals(a.organisationId))) {
                throw ProblemException.notFound("Your organisation has no activity " + id);
            }
            return a;
        });
    }

    @WithSession
    public Uni<String> checkInCode(String org, UUID id) {
        return own(org, id).map(a -> a.checkInCode);
    }

    @WithTransaction
    public Uni<Activity> cancel(String org, UUID id) {
        Instant now = clock.instant();
        return own(org, id).call(a -> {
            if (a.status != Activity.Status.OPEN) {
                return Uni.createFrom().voidItem();
            }
            a.status = Activity.Status.CANCELLED;
            a.cancelledAt = now;
            return notices.cancelled(a);
        });
    }

    /** Signs the user up: CONFIRMED while places are left, WAITLISTED after; signing up twice returns the first. */
    @WithTransaction
    public Uni<SignUp> signUp(String user, UUID activityId) {
        Instant now = clock.instant();
        return lock(activityId).chain(a -> {
            if (a.status != Activity.Status.OPEN) {
                throw ProblemException.conflict("Activity " + activityId + " was cancelled");
            }
            if (now.isAfter(a.signUpDeadline)) {
                throw ProblemException.conflict("Sign-up closed at " + a.signUpDeadline);
            }
            return SignUp.<SignUp>find("activityId = ?1 and userId = ?2 and status <> ?3", activityId, user,
                    SignUp.Status.CANCELLED).firstResult().chain(existing -> {
                if (existing != null) {
                    return Uni.createFrom().item(existing);
                }
                boolean place = a.confirmed < a.capacity;
                UUID id = UUID.randomUUID();
                return Sql.exec("insert into sign_up (id, activity_id, user_id, status, signed_up_at, confirmed_at) "
                                        + "values (?1, ?2, ?3, ?4, ?5, ?6)", id, activityId, user,
                                place ? "CONFIRMED" : "WAITLISTED", utc(now), place ? utc(now) : null)
                        .call(() -> place ? Sql.exec("update activity set confirmed = confirmed + 1 where id = ?1",
                                activityId) : Uni.createFrom().voidItem())
                        .invoke(() -> registry.counter("gongyi.volunteer.sign-ups", "status",
                                place ? "confirmed" : "waitlisted").increment())
                        .chain(() -> SignUp.<SignUp>findById(id));
            });
        });
    }

    /** Cancels the user's sign-up before the deadline; a freed place goes to the first on the wait-list. */
    @WithTransaction
    public Uni<Void> cancelSignUp(String user, UUID activityId) {
        Instant now = clock.instant();
        return lock(activityId).chain(a -> {
            if (now.isAfter(a.signUpDeadline)) {
                throw ProblemException.conflict("Sign-ups can be cancelled until " + a.signUpDeadline);
            }
            return Sql.strings("select status from sign_up where activity_id = ?1 and user_id = ?2 "
                            + "and status <> 'CANCELLED'", activityId, user)
                    .call(was -> was.isEmpty() ? Uni.createFrom().voidItem()
                            : Sql.exec("update sign_up set status = 'CANCELLED', cancelled_at = ?3 where activity_id = ?1 "
                            + "and user_id = ?2 and status <> 'CANCELLED'", activityId, user, utc(now)))
                    .chain(was -> {
                        if (was.isEmpty()) {
                            throw ProblemException.notFound("You are not signed up to " + activityId);
                        }
                        if (!"CONFIRMED".equals(was.get(0))) {
                            return Uni.createFrom().voidItem();
                        }
                        return Sql.exec("update sign_up set status = 'CONFIRMED', confirmed_at = ?2 where id = "
                                        + "(select id from sign_up where activity_id = ?1 and status = 'WAITLISTED' "
                                        + "order by seq limit 1)", activityId, utc(now))
                                .chain(promoted -> promoted == 1 ? Uni.createFrom().voidItem()
                                        : Sql.exec("update activity set confirmed = confirmed - 1 where id = ?1",
                                        activityId).replaceWithVoid());
                    });
        });
    }

    /** The activity, locked for this transaction (sign-ups of one activity queue here). */
    private static Uni<Activity> lock(UUID id) {
        return Sql.strings("select cast(id as text) from activity where id = ?1 for update", id).chain(ids -> {
            if (ids.isEmpty()) {
                throw ProblemException.notFound("No activity " + id);
            }
            return Activity.<Activity>findById(id);
        });
    }

    @WithSession
    public Uni<List<SignUp>> mine(String user) {
        return SignUp.<SignUp>find("userId", Sort.by("signedUpAt").descending(), user).page(0, 200).list();
    }

    @WithSession
    public Uni<List<SignUp>> roster(String org, UUID activityId) {
        return own(org, activityId).chain(a -> SignUp.<SignUp>find("activityId = ?1 and status <> ?2",
                Sort.by("seq"), activityId, SignUp.Status.CANCELLED).page(0, 100_000).list());
    }
}
