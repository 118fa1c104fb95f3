package org.gongyi.reunion.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.events.Causation;
import org.gongyi.events.contract.LocatorPosition;
import org.gongyi.events.contract.NotificationBatch;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.reunion.ReunionConfig;
import org.gongyi.reunion.api.ElderDtos.NewElder;
import org.gongyi.reunion.api.ElderDtos.Zone;
import org.gongyi.reunion.domain.CodeHash;
import org.gongyi.reunion.domain.SafeZone;
import org.gongyi.reunion.persistence.Deliveries;
import org.gongyi.reunion.persistence.Elder;
import org.gongyi.reunion.persistence.ElderAlert;
import org.gongyi.reunion.persistence.Elders;
import org.gongyi.reunion.persistence.Locators;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Elderly anti-loss: guardians enrol a person with a locator and a safe zone; positions from the locator move the
 * person in or out of the zone; an exit alerts the guardians (once, cleared on return). Everything about an elder is
 * readable only by their guardians (404 for anyone else); positions are kept for the retention period only.
 */
@ApplicationScoped
public class ElderService {
    /** How far a locator's clock may run ahead of the service's. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(ElderService.class);

    private final Db db;
    private final Elders elders;
    private final Locators locators;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration retention;

    public ElderService(Db db, Elders elders, Locators locators, Outbox outbox, Clock clock, ReunionConfig config) {
        this.db = db;
        this.elders = elders;
        this.locators = locators;
        this.outbox = outbox;
        this.clock = clock;
        this.retention = config.positionRetention();
    }

    public int age(Elder e) {
        return clock.instant().atZone(ChinaTime.ZONE).getYear() - e.birthYear();
    }

    public Uni<Elder> enrol(String guardian, NewElder in) {
        Instant now = clock.instant();
        int age = now.atZone(ChinaTime.ZONE).getYear() - in.birthYear();
        if (age < 60 && (in.condition() == null || in.condition().isBlank())) {
            throw ProblemException.badRequest(
                    "Enrol people aged 60 or more, or name the condition that makes them " + "wander");
        }
        return db.transaction(() -> locators.lockCodeHash(in.locatorId())
                .chain(stored -> {
                    if (!CodeHash.matches(stored, in.locatorId(), in.activationCode())) {
                        throw ProblemException.forbidden("That is not the activation code of locator " + in.locatorId()
                                + " (it is in the locator's box)");
                    }
                    return elders.locatorEnrolled(in.locatorId());
                })
                .chain(enrolled -> {
                    if (enrolled) {
                        throw ProblemException.conflict("Locator " + in.locatorId() + " is already enrolled");
                    }
                    return elders.enrol(
                                    UUID.randomUUID(),
                                    in.name(),
                                    in.birthYear(),
                                    in.condition(),
                                    in.locatorId(),
                                    zone(in.safeZone()),
                                    guardian,
                                    now)
                            .call(e -> elders.addGuardian(e.id(), guardian, now));
                }));
    }

    private static SafeZone zone(Zone z) {
        return new SafeZone(z.latitude(), z.longitude(), z.radiusMetres());
    }

    /** The elder, if the caller is one of their guardians; 404 otherwise (whether or not the elder exists). */
    Uni<Elder> guarded(String guardian, UUID id) {
        return elders.guarded(id, guardian)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("You are not a guardian of " + id));
    }

    public Uni<Elder> get(String guardian, UUID id) {
        return guarded(guardian, id);
    }

    public Uni<List<Elder>> mine(String guardian) {
        return elders.ofGuardian(guardian);
    }

    /** A new safe zone; the person's state in it is judged afresh by the next position. */
    public Uni<Elder> moveZone(String guardian, UUID id, Zone z) {
        return db.transaction(() -> guarded(guardian, id).chain(e -> elders.moveZone(id, zone(z))));
    }

    /** Invites another guardian: they see the person once they accept ({@link #accept}). */
    /** A person's guardians and those invited to be. */
    public record GuardianList(List<String> guardians, List<String> invited) {}

    public Uni<GuardianList> invite(String guardian, UUID id, String other) {
        return db.transaction(() -> guarded(guardian, id)
                .call(e -> elders.invite(id, other, guardian, clock.instant()))
                .chain(e -> guardians(id)));
    }

    private Uni<GuardianList> guardians(UUID id) {
        return elders.guardians(id)
                .chain(guardians -> elders.invited(id).map(invited -> new GuardianList(guardians, invited)));
    }

    public Uni<List<Elders.Invitation>> invitations(String guardian) {
        return elders.invitationsOf(guardian);
    }

    /** The invited guardian consents: from now on they guard the person. */
    public Uni<Elder> accept(String guardian, UUID id) {
        return db.transaction(() -> elders.withdrawInvitation(id, guardian).chain(invited -> {
            if (!invited) {
                throw ProblemException.notFound("You have no invitation to guard " + id);
            }
            return elders.addGuardian(id, guardian, clock.instant()).chain(() -> guarded(guardian, id));
        }));
    }

    /**
     * Removes a guardian or an invitation: one's own (declining, or leaving), or, for the guardian who enrolled the
     * person, anyone's. The last guardian does not leave: they unenrol the person instead.
     */
    public Uni<Void> removeGuardian(String caller, UUID id, String who) {
        return db.transaction(() -> elders.withdrawInvitation(id, who).chain(wasInvited -> {
            if (wasInvited && who.equals(caller)) {
                return Uni.createFrom().voidItem();
            }
            return guarded(caller, id).chain(e -> {
                if (!who.equals(caller) && !caller.equals(e.createdBy())) {
                    throw ProblemException.forbidden("Only " + e.name() + "'s enrolling guardian removes others");
                }
                if (wasInvited) {
                    return Uni.createFrom().voidItem();
                }
                return elders.lockGuardians(id).chain(guardians -> {
                    if (!guardians.contains(who)) {
                        throw ProblemException.notFound(who + " is not a guardian of " + id);
                    }
                    if (guardians.size() == 1) {
                        throw ProblemException.conflict("The last guardian does not leave: unenrol " + e.name()
                                + " instead (DELETE /elders/" + id + ")");
                    }
                    return elders.removeGuardian(id, who).replaceWithVoid();
                });
            });
        }));
    }

    /**
     * Unenrols the person, by the guardian who enrolled them or the last one left: the person, their positions,
     * exit alerts, guardians, invitations and escalations are erased, and the locator can be paired again.
     */
    public Uni<Void> unenrol(String caller, UUID id) {
        return db.transaction(() -> guarded(caller, id)
                .chain(e -> elders.lockGuardians(id).chain(guardians -> {
                    if (!caller.equals(e.createdBy()) && guardians.size() > 1) {
                        throw ProblemException.forbidden(
                                "Only the guardian who enrolled " + e.name() + ", or the last one, " + "unenrols them");
                    }
                    return elders.unenrol(id).replaceWithVoid();
                })));
    }

    /** Positions within the retention period, newest first. */
    public Uni<List<Elders.Position>> positions(String guardian, UUID id, int limit) {
        return guarded(guardian, id)
                .chain(e -> elders.positionsSince(id, clock.instant().minus(retention), limit));
    }

    public Uni<List<ElderAlert>> alerts(String guardian, UUID id) {
        return guarded(guardian, id).chain(e -> elders.alerts(id));
    }

    /**
     * A locator position (in the consumer's transaction). Positions older than the retention period are dropped;
     * older than the last one seen, they are kept but do not move the person in or out of the zone; one the person
     * already has (the same time, sent again) changes nothing; one more than five minutes ahead of now is not taken.
     * One recorded before the person was paired with the locator is not theirs (the locator was someone else's, or
     * nobody's): a locator paired again after an unenrolment never gives its new wearer the old wearer's positions,
     * live, redelivered or replayed by an audit.
     */
    public Uni<Void> record(LocatorPosition p) {
        Instant now = clock.instant();
        if (p.recordedAt().isBefore(now.minus(retention))) {
            return Uni.createFrom().voidItem();
        }
        if (p.recordedAt().isAfter(now.plus(CLOCK_SKEW))) {
            // a position from the future would hide every later one (they would look older): not taken
            LOG.warnf("Locator position %s ahead of now (%s): ignored", p.recordedAt(), now);
            return Uni.createFrom().voidItem();
        }
        return elders.lockByLocator(p.locatorId())
                .chain(e -> e == null || p.recordedAt().isBefore(e.createdAt())
                        ? Uni.createFrom().voidItem()
                        : elders.addPosition(
                                        e.id(), p.latitude(), p.longitude(), p.recordedAt(), now, Causation.current())
                                .chain(stored -> stored
                                        ? moved(e, p, now)
                                        : Uni.createFrom().voidItem()));
    }

    /** A new position of the person: in or out of the safe zone when it is the latest. */
    private Uni<Void> moved(Elder e, LocatorPosition p, Instant now) {
        if (e.lastSeenAt() != null && !p.recordedAt().isAfter(e.lastSeenAt())) {
            return Uni.createFrom().voidItem();
        }
        boolean inside = e.zone().contains(p.latitude(), p.longitude());
        SafeZone.Change change = SafeZone.change(e.zoneState(), inside);
        return elders.seen(
                        e.id(),
                        p.recordedAt(),
                        inside ? SafeZone.State.INSIDE : SafeZone.State.OUTSIDE,
                        Causation.current())
                .chain(() -> switch (change) {
                    case LEFT -> left(e, p, now);
                    case RETURNED ->
                        elders.closeOpenAlert(e.id(), p.recordedAt(), Causation.current())
                                .replaceWithVoid();
                    case NONE -> Uni.createFrom().voidItem();
                });
    }

    /** Opens the exit alert and tells the guardians' devices (the push carries no position). */
    private Uni<Void> left(Elder e, LocatorPosition p, Instant now) {
        return elders.openAlert(
                        UUID.randomUUID(), e.id(), p.recordedAt(), p.latitude(), p.longitude(), Causation.current())
                .chain(() -> elders.guardiansDevices(e.id()))
                .chain(recipients -> {
                    List<NotificationBatch> batches = new ArrayList<>();
                    for (int i = 0; i < recipients.size(); i += Deliveries.BATCH) {
                        batches.add(new NotificationBatch(
                                UUID.randomUUID().toString(),
                                "ELDER_LEFT_ZONE",
                                e.id().toString(),
                                e.name() + " left the safe zone",
                                "Left at " + p.recordedAt() + ". Open the app to see where.",
                                null,
                                List.copyOf(recipients.subList(i, Math.min(recipients.size(), i + Deliveries.BATCH))),
                                now));
                    }
                    return outbox.appendAll(batches);
                });
    }

    /** Deletes positions past the retention period and the positions on old exit alerts; returns positions deleted. */
    public Uni<Integer> purge() {
        return db.transaction(() -> elders.purgeBefore(clock.instant().minus(retention)));
    }
}
