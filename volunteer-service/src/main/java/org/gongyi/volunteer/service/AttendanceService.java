package org.gongyi.volunteer.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.volunteer.domain.WelfareTime;
import org.gongyi.volunteer.persistence.Activity;
import org.gongyi.volunteer.persistence.ServiceRecord;
import org.gongyi.volunteer.persistence.SignUp;

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

    private final WelfareLedger ledger;
    private final Clock clock;

    public AttendanceService(WelfareLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<ServiceRecord> checkIn(String org, UUID activityId, String user) {
        return ActivityService.own(org, activityId).chain(a -> checkIn(activityId, user));
    }

    @WithTransaction
    public Uni<ServiceRecord> checkOut(String org, UUID activityId, String user) {
        return ActivityService.own(org, activityId).chain(a -> checkOut(activityId, user));
    }

    /** The volunteer checks in with the code the organisation shows on site. */
    @WithTransaction
    public Uni<ServiceRecord> selfCheckIn(String user, UUID activityId, String code) {
        return withCode(activityId, code).chain(() -> checkIn(activityId, user));
    }

    @WithTransaction
    public Uni<ServiceRecord> selfCheckOut(String user, UUID activityId, String code) {
        return withCode(activityId, code).chain(() -> checkOut(activityId, user));
    }

    private static Uni<Void> withCode(UUID activityId, String code) {
        return Activity.<Activity>findById(activityId).invoke(a -> {
            if (a == null) {
                throw ProblemException.notFound("No activity " + activityId);
            }
            if (a.checkInCode == null || !java.security.MessageDigest.isEqual(a.checkInCode.getBytes(),
                    code.getBytes())) {
                throw ProblemException.forbidden("That is not this activity's check-in code");
            }
        }).replaceWithVoid();
    }

    private Uni<ServiceRecord> checkIn(UUID activityId, String user) {
        Instant now = clock.instant();
        return SignUp.<SignUp>find("activityId = ?1 and userId = ?2 and status = ?3", activityId, user,
                        SignUp.Status.CONFIRMED).<SignUp>firstResult()
                .chain(s -> {
                    if (s == null) {
                        throw ProblemException.conflict(user + " has no confirmed place at " + activityId);
                    }
                    return ServiceRecord.<ServiceRecord>find("activityId = ?1 and userId = ?2", activityId, user)
                            .<ServiceRecord>firstResult();
                })
                .chain((ServiceRecord existing) -> {
                    if (existing != null) {
                        throw ProblemException.conflict(user + " was already checked in at " + existing.checkedInAt);
                    }
                    ServiceRecord r = new ServiceRecord();
                    r.id = UUID.randomUUID();
                    r.activityId = activityId;
                    r.userId = user;
                    r.checkedInAt = now;
                    r.status = ServiceRecord.Status.OPEN;
                    return r.persist();
                });
    }

    private Uni<ServiceRecord> checkOut(UUID activityId, String user) {
        Instant now = clock.instant();
        return record(activityId, user).invoke(r -> {
            if (r.status != ServiceRecord.Status.OPEN) {
                throw ProblemException.conflict(user + " was already checked out at " + r.checkedOutAt);
            }
            Duration served = Duration.between(r.checkedInAt, now);
            r.checkedOutAt = now;
            r.minutes = (int) served.toMinutes();
            r.tenths = WelfareTime.forService(served);
            r.status = ServiceRecord.Status.RECORDED;
        });
    }

    /** Verifies the recorded time (or sets {@code correctedTenths}) and credits it as welfare time. */
    @WithTransaction
    public Uni<ServiceRecord> verify(String org, String verifier, UUID recordId, Integer correctedTenths) {
        Instant now = clock.instant();
        return ServiceRecord.<ServiceRecord>findById(recordId)
                .chain(r -> r == null ? Uni.createFrom().failure(ProblemException.notFound("No service record " + recordId))
                        : ActivityService.own(org, r.activityId).replaceWith(r))
                .chain(r -> {
                    if (r.status == ServiceRecord.Status.OPEN) {
                        throw ProblemException.conflict("Check " + r.userId + " out first");
                    }
                    if (r.status == ServiceRecord.Status.VERIFIED) {
                        throw ProblemException.conflict("Already verified");
                    }
                    // a disputed time is settled by the organisation's verification (with a correction if due)
                    if (correctedTenths != null) {
                        r.tenths = correctedTenths;
                    }
                    r.status = ServiceRecord.Status.VERIFIED;
                    r.verifiedBy = verifier;
                    r.verifiedAt = now;
                    return ledger.credit(r.userId, WelfareTime.Source.OFFLINE_SERVICE, r.id.toString(),
                            WelfareTime.year(r.checkedInAt), r.tenths).replaceWith(r);
                });
    }

    /** The volunteer disputes the recorded time (before it is verified); the organisation then verifies or corrects. */
    @WithTransaction
    public Uni<ServiceRecord> dispute(String user, UUID recordId, String reason) {
        return ServiceRecord.<ServiceRecord>findById(recordId).map(r -> {
            if (r == null || !r.userId.equals(user)) {
                throw ProblemException.notFound("You have no service record " + recordId);
            }
            if (r.status != ServiceRecord.Status.RECORDED) {
                throw ProblemException.conflict("Only a recorded, not yet verified time can be disputed (it is "
                        + r.status + ")");
            }
            r.status = ServiceRecord.Status.DISPUTED;
            r.disputeReason = reason;
            return r;
        });
    }

    private static Uni<ServiceRecord> record(UUID activityId, String user) {
        return ServiceRecord.<ServiceRecord>find("activityId = ?1 and userId = ?2", activityId, user)
                .<ServiceRecord>firstResult()
                .map((ServiceRecord r) -> {
                    if (r == null) {
                        throw ProblemException.notFound(user + " was not checked in at " + activityId);
                    }
                    return r;
                });
    }
}
