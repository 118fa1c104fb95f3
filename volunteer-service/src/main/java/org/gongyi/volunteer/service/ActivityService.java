package org.gongyi.volunteer.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.volunteer.domain.Campaign;
import org.gongyi.volunteer.persistence.Activities;
import org.gongyi.volunteer.persistence.Activity;
import org.gongyi.volunteer.persistence.Organisation;
import org.gongyi.volunteer.persistence.Organisations;
import org.gongyi.volunteer.persistence.SignUp;
import org.gongyi.volunteer.persistence.SignUps;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Organisations and their activities, and sign-ups: confirmed up to the capacity, then wait-listed in arrival order.
 * Every sign-up and cancellation of an activity runs under that activity's row lock, so the capacity holds however
 * many arrive at once, and a cancelled confirmed place goes to the first on the wait-list.
 */
@ApplicationScoped
public class ActivityService {

    private final CampaignCounter campaigns;

    private static final SecureRandom CODES = new SecureRandom();
    private final Db db;
    private final Organisations organisations;
    private final Activities activities;
    private final SignUps signUps;
    private final Clock clock;
    private final ActivityNotices notices;
    private final MeterRegistry registry;

    public ActivityService(
            Db db,
            Organisations organisations,
            Activities activities,
            SignUps signUps,
            Clock clock,
            ActivityNotices notices,
            MeterRegistry registry,
            CampaignCounter campaigns) {
        this.campaigns = campaigns;
        this.db = db;
        this.organisations = organisations;
        this.activities = activities;
        this.signUps = signUps;
        this.clock = clock;
        this.notices = notices;
        this.registry = registry;
    }

    public Uni<Organisation> putOrganisation(String id, String name, boolean verified) {
        return organisations.put(id, name, verified, clock.instant());
    }

    public Uni<List<Organisation>> organisations(int page, int size) {
        return organisations.page(page, size);
    }

    public Uni<Activity> create(Activity.Draft draft) {
        Instant now = clock.instant();
        if (!draft.endsAt().isAfter(draft.startsAt())) {
            throw ProblemException.badRequest("endsAt must be after startsAt");
        }
        if (draft.signUpDeadline().isAfter(draft.startsAt())) {
            throw ProblemException.badRequest("signUpDeadline must not be after startsAt");
        }
        if (!draft.startsAt().isAfter(now)) {
            throw ProblemException.badRequest("startsAt must be in the future");
        }
        return db.transaction(() -> organisations.find(draft.organisationId()).chain(o -> {
            if (o == null || !o.verified()) {
                throw ProblemException.badRequest(
                        "Organisation " + draft.organisationId() + " is not verified: an admin verifies it first");
            }
            return activities.insert(
                    draft.open(UUID.randomUUID(), String.format("%06d", CODES.nextInt(1_000_000)), now));
        }));
    }

    /** A page of the open activities not yet over matching {@code search}, in start order. */
    public Uni<List<Activity>> search(Activities.Search search, int page, int size) {
        return activities.search(search, clock.instant(), page, size);
    }

    public Uni<Activity> get(UUID id) {
        return activities.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("No activity " + id));
    }

    /** The activity of the caller's organisation ({@code org} null for an admin); 404 otherwise. */
    Uni<Activity> own(String org, UUID id) {
        return activities.find(id).map(a -> {
            if (a == null || (org != null && !org.equals(a.organisationId()))) {
                throw ProblemException.notFound("Your organisation has no activity " + id);
            }
            return a;
        });
    }

    public Uni<String> checkInCode(String org, UUID id) {
        return own(org, id).map(Activity::checkInCode);
    }

    /** Cancels the activity (once) and tells everyone signed up; cancelling again returns it as it is. */
    public Uni<Activity> cancel(String org, UUID id) {
        Instant now = clock.instant();
        return db.transaction(() -> own(org, id)
                .chain(a -> activities
                        .cancelOpen(id, now)
                        .chain(cancelled -> cancelled == null
                                ? activities.find(id)
                                : notices.cancelled(cancelled).replaceWith(cancelled))));
    }

    /** The user's sign-up (not cancelled) to the activity. */
    public Uni<SignUp> signUpOf(String user, UUID activityId) {
        return signUps.active(activityId, user)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("You are not signed up to activity " + activityId));
    }

    /** Signs the user up: CONFIRMED while places are left, WAITLISTED after; signing up twice returns the first. */
    public Uni<SignUp> signUp(String user, UUID activityId) {
        Instant now = clock.instant();
        return db.transaction(() -> lock(activityId).chain(a -> {
            if (a.status() != Activity.Status.OPEN) {
                throw ProblemException.conflict("Activity " + activityId + " was cancelled");
            }
            if (now.isAfter(a.signUpDeadline())) {
                throw ProblemException.conflict("Sign-up closed at " + a.signUpDeadline());
            }
            return signUps.active(activityId, user).chain(existing -> {
                if (existing != null) {
                    return Uni.createFrom().item(existing);
                }
                boolean place = a.placesLeft() > 0;
                return signUps.insert(
                                UUID.randomUUID(),
                                activityId,
                                user,
                                place ? SignUp.Status.CONFIRMED : SignUp.Status.WAITLISTED,
                                now)
                        .call(() -> place
                                ? activities.changeConfirmed(activityId, 1)
                                : Uni.createFrom().voidItem())
                        .call(() -> campaigns.count(
                                Campaign.Action.SIGN_UP, user, "sign-up:" + activityId + ":" + user, null, now, null))
                        .invoke(() -> registry.counter(
                                        "gongyi.volunteer.sign-ups", "status", place ? "confirmed" : "waitlisted")
                                .increment());
            });
        }));
    }

    /** Cancels the user's sign-up before the deadline; a freed place goes to the first on the wait-list. */
    public Uni<Void> cancelSignUp(String user, UUID activityId) {
        Instant now = clock.instant();
        return db.transaction(() -> lock(activityId).chain(a -> {
            if (now.isAfter(a.signUpDeadline())) {
                throw ProblemException.conflict("Sign-ups can be cancelled until " + a.signUpDeadline());
            }
            return signUps.active(activityId, user).chain(s -> {
                if (s == null) {
                    throw ProblemException.notFound("You are not signed up to " + activityId);
                }
                Uni<Integer> cancelled = signUps.cancel(s.id(), now);
                if (s.status() != SignUp.Status.CONFIRMED) {
                    return cancelled.replaceWithVoid();
                }
                return cancelled
                        .chain(() -> signUps.promoteFirstWaitlisted(activityId, now))
                        .chain(promoted -> promoted == 1
                                ? Uni.createFrom().voidItem()
                                : activities.changeConfirmed(activityId, -1).replaceWithVoid());
            });
        }));
    }

    /** The activity, locked for this transaction (sign-ups of one activity queue here). */
    private Uni<Activity> lock(UUID id) {
        return activities.lock(id).onItem().ifNull().failWith(() -> ProblemException.notFound("No activity " + id));
    }

    public Uni<List<SignUp>> mine(String user) {
        return signUps.ofUser(user);
    }

    public Uni<List<SignUp>> roster(String org, UUID activityId) {
        return own(org, activityId).chain(a -> signUps.roster(activityId));
    }
}
