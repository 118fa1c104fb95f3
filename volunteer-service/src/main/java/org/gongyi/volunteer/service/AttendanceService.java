package org.gongyi.volunteer.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.volunteer.domain.Campaign;
import org.gongyi.volunteer.domain.WelfareTime;
import org.gongyi.volunteer.persistence.Activities;
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
 * The organisation checks a confirmed volunteer in and out; the time between is recorded (one tenth of welfare time
 * per full 6 minutes), then verified — as recorded or corrected — which credits the welfare time.
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

    public AttendanceService(
            Db db,
            ActivityService activityService,
            Activities activities,
            SignUps signUps,
            ServiceRecords records,
            WelfareLedger ledger,
            Clock clock,
            CampaignCounter campaigns) {
        this.campaigns = campaigns;
        this.db = db;
        this.activityService = activityService;
        this.activities = activities;
        this.signUps = signUps;
        this.records = records;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Uni<ServiceRecord> checkIn(String org, UUID activityId, String user) {
        return db.transaction(() -> activityService.own(org, activityId).chain(a -> checkIn(activityId, user)));
    }

    public Uni<ServiceRecord> checkOut(String org, UUID activityId, String user) {
        return db.transaction(() -> activityService.own(org, activityId).chain(a -> checkOut(activityId, user)));
    }

    /** The volunteer checks in with the code the organisation shows on site. */
    public Uni<ServiceRecord> selfCheckIn(String user, UUID activityId, String code) {
        return db.transaction(() -> withCode(activityId, code).chain(() -> checkIn(activityId, user)));
    }

    public Uni<ServiceRecord> selfCheckOut(String user, UUID activityId, String code) {
        return db.transaction(() -> withCode(activityId, code).chain(() -> checkOut(activityId, user)));
    }

    private Uni<Void> withCode(UUID activityId, String code) {
        return activities
                .find(activityId)
                .invoke(a -> {
                    if (a == null) {
                        throw ProblemException.notFound("No activity " + activityId);
                    }
                    if (a.checkInCode() == null
                            || !MessageDigest.isEqual(
                                    a.checkInCode().getBytes(StandardCharsets.UTF_8),
                                    code.getBytes(StandardCharsets.UTF_8))) {
                        throw ProblemException.forbidden("That is not this activity's check-in code");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<ServiceRecord> checkIn(UUID activityId, String user) {
        Instant now = clock.instant();
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
