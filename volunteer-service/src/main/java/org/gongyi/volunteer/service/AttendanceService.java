package org.gongyi.volunteer.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.volunteer.VolunteerConfig;
import org.gongyi.volunteer.domain.Campaign;
import org.gongyi.volunteer.domain.CheckInRule;
import org.gongyi.volunteer.domain.GeoPoint;
import org.gongyi.volunteer.domain.WelfareTime;
import org.gongyi.volunteer.persistence.Activities;
import org.gongyi.volunteer.persistence.Activity;
import org.gongyi.volunteer.persistence.ServiceRecord;
import org.gongyi.volunteer.persistence.ServiceRecords;
import org.gongyi.volunteer.persistence.SignUps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The organisation checks a confirmed volunteer in and out (or the volunteer with the code shown on site); the time
 * between is recorded (one tenth of welfare time per full 6 minutes), then verified — as recorded or corrected — which
 * credits the welfare time. A check-in must match the activity ({@link CheckInRule}): within its time, with the grace
 * configured, and within its radius when it has a place and the check-in gives a position (the volunteer's own must).
 */
@ApplicationScoped
public class AttendanceService {

    private final CampaignCounter campaigns;

    private final Db db;
    private final ActivityService activityService;
    private final Activities activities;
    private final SignUps signUps;
    private final ServiceRecords records;
    private final WelfareLedger ledger;
    private final Clock clock;
    private final Duration grace;

    public AttendanceService(
            Db db,
            ActivityService activityService,
            Activities activities,
            SignUps signUps,
            ServiceRecords records,
            WelfareLedger ledger,
            Clock clock,
            CampaignCounter campaigns,
            VolunteerConfig config) {
        this.campaigns = campaigns;
        this.grace = config.checkInGrace();
        this.db = db;
        this.activityService = activityService;
        this.activities = activities;
        this.signUps = signUps;
        this.records = records;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The organisation checks the volunteer in, from {@code position} (null: none given, which is enough). */
    public Uni<ServiceRecord> checkIn(String org, UUID activityId, String user, GeoPoint position) {
        return db.transaction(() -> activityService.own(org, activityId).chain(a -> checkIn(a, user, position, false)));
    }

    public Uni<ServiceRecord> checkOut(String org, UUID activityId, String user) {
        return db.transaction(() -> activityService.own(org, activityId).chain(a -> checkOut(activityId, user)));
    }

    /**
     * The volunteer checks in with the code the organisation shows on site, from {@code position} (null: none given;
     * refused at an activity with a place).
     */
    public Uni<ServiceRecord> selfCheckIn(String user, UUID activityId, String code, GeoPoint position) {
        return db.transaction(() -> withCode(activityId, code).chain(a -> checkIn(a, user, position, true)));
    }

    public Uni<ServiceRecord> selfCheckOut(String user, UUID activityId, String code) {
        return db.transaction(() -> withCode(activityId, code).chain(a -> checkOut(activityId, user)));
    }

    /** The activity, when {@code code} is its check-in code. */
    private Uni<Activity> withCode(UUID activityId, String code) {
        return activities.find(activityId).invoke(a -> {
            if (a == null) {
                throw ProblemException.notFound("No activity " + activityId);
            }
            if (a.checkInCode() == null
                    || !MessageDigest.isEqual(
                            a.checkInCode().getBytes(StandardCharsets.UTF_8), code.getBytes(StandardCharsets.UTF_8))) {
                throw ProblemException.forbidden("That is not this activity's check-in code");
            }
        });
    }

    private Uni<ServiceRecord> checkIn(Activity a, String user, GeoPoint position, boolean mustLocate) {
        Instant now = clock.instant();
        UUID activityId = a.id();
        CheckInRule.of(a.startsAt(), a.endsAt(), grace, a.location(), a.checkInRadiusM())
                .refusal(now, position, mustLocate)
                .ifPresent(refusal -> {
                    throw switch (refusal) {
                        case CheckInRule.TooEarly r -> ProblemException.conflict(r.reason());
                        case CheckInRule.TooLate r -> ProblemException.conflict(r.reason());
                        case CheckInRule.PositionNeeded r -> ProblemException.badRequest(r.reason());
                        case CheckInRule.TooFar r -> ProblemException.forbidden(r.reason());
                    };
                });
        return signUps.confirmed(activityId, user)
                .chain(s -> {
                    if (s == null) {
                        throw ProblemException.conflict(user + " has no confirmed place at " + activityId);
                    }
                    return records.lockOf(activityId, user);
                })
                .chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict(user + " was already checked in at " + existing.checkedInAt());
                    }
                    return records.checkIn(UUID.randomUUID(), activityId, user, now)
                            .call(() -> campaigns.count(
                                    Campaign.Action.CHECK_IN,
                                    user,
                                    "check-in:" + activityId + ":" + user,
                                    null,
                                    now,
                                    null));
                });
    }

    private Uni<ServiceRecord> checkOut(UUID activityId, String user) {
        Instant now = clock.instant();
        return records.lockOf(activityId, user).chain(r -> {
            if (r == null) {
                throw ProblemException.notFound(user + " was not checked in at " + activityId);
            }
            if (r.status() != ServiceRecord.Status.OPEN) {
                throw ProblemException.conflict(user + " was already checked out at " + r.checkedOutAt());
            }
            Duration served = Duration.between(r.checkedInAt(), now);
            return records.checkOut(r.id(), now, (int) served.toMinutes(), WelfareTime.forService(served));
        });
    }

    /** Verifies the recorded time (or sets {@code correctedTenths}) and credits it as welfare time. */
    public Uni<ServiceRecord> verify(String org, String verifier, UUID recordId, Integer correctedTenths) {
        Instant now = clock.instant();
        return db.transaction(() -> records.lock(recordId)
                .chain(r -> r == null
                        ? Uni.createFrom().failure(ProblemException.notFound("No service record " + recordId))
                        : activityService.own(org, r.activityId()).replaceWith(r))
                .chain(r -> {
                    if (r.status() == ServiceRecord.Status.OPEN) {
                        throw ProblemException.conflict("Check " + r.userId() + " out first");
                    }
                    if (r.status() == ServiceRecord.Status.VERIFIED) {
                        throw ProblemException.conflict("Already verified");
                    }
                    // a disputed time is settled by the organisation's verification (with a correction if due)
                    int tenths = correctedTenths != null ? correctedTenths : r.tenths();
                    return records.verify(r.id(), tenths, verifier, now)
                            .call(v -> ledger.credit(
                                    v.userId(),
                                    WelfareTime.Source.OFFLINE_SERVICE,
                                    v.id().toString(),
                                    WelfareTime.year(v.checkedInAt()),
                                    v.tenths()));
                }));
    }

    /** The volunteer disputes the recorded time (before it is verified); the organisation then verifies or corrects. */
    public Uni<ServiceRecord> dispute(String user, UUID recordId, String reason) {
        return db.transaction(() -> records.lock(recordId).chain(r -> {
            if (r == null || !r.userId().equals(user)) {
                throw ProblemException.notFound("You have no service record " + recordId);
            }
            if (r.status() != ServiceRecord.Status.RECORDED) {
                throw ProblemException.conflict(
                        "Only a recorded, not yet verified time can be disputed (it is " + r.status() + ")");
            }
            return records.dispute(r.id(), reason);
        }));
    }
}
