package org.gongyi.reunion.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.reunion.ReunionConfig;
import org.gongyi.reunion.api.CaseDtos.NewCase;
import org.gongyi.reunion.api.ElderDtos.NewEscalation;
import org.gongyi.reunion.api.ElderDtos.PublishFromEscalation;
import org.gongyi.reunion.persistence.Elder;
import org.gongyi.reunion.persistence.Elders;
import org.gongyi.reunion.persistence.Escalation;
import org.gongyi.reunion.persistence.Escalations;
import org.gongyi.reunion.persistence.MissingCase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A guardian reports a missing elder to a police agency; the agency sees the elder's name, age, condition and where
 * they were when the guardian escalated (a snapshot: the agency does not track the person), and may publish a case
 * from it while it has not expired ({@code gongyi.reunion.escalation-access} after it was made).
 */
@ApplicationScoped
public class EscalationService {

    private final Db db;
    private final Escalations escalations;
    private final Elders elderRows;
    private final ElderService elders;
    private final CaseService cases;
    private final Clock clock;
    private final Duration access;

    public EscalationService(
            Db db,
            Escalations escalations,
            Elders elderRows,
            ElderService elders,
            CaseService cases,
            Clock clock,
            ReunionConfig config) {
        this.db = db;
        this.escalations = escalations;
        this.elderRows = elderRows;
        this.elders = elders;
        this.cases = cases;
        this.clock = clock;
        this.access = config.escalationAccess();
    }

    /** Escalates with where the person is now: the latest position kept (or the zone's centre), out since when. */
    public Uni<Escalation> escalate(String guardian, UUID elderId, NewEscalation in) {
        Instant now = clock.instant();
        return db.transaction(() -> elders.guarded(guardian, elderId)
                .chain(e -> elderRows
                        .latestPosition(e.id())
                        .chain(last -> elderRows
                                .openAlertLeftAt(e.id())
                                .chain(left -> escalations.escalate(
                                        UUID.randomUUID(),
                                        e.id(),
                                        in.agencyId(),
                                        guardian,
                                        in.note(),
                                        now,
                                        last != null
                                                ? last
                                                : new Elders.Position(e.zoneLatitude(), e.zoneLongitude(), null),
                                        left,
                                        now.plus(access))))));
    }

    public Uni<List<Escalated>> forAgency(String agency) {
        return escalations
                .openOfAgency(agency, clock.instant())
                .chain(list -> Multi.createFrom()
                        .iterable(list)
                        .onItem()
                        .transformToUniAndConcatenate(this::view)
                        .collect()
                        .asList());
    }

    /**
     * One escalation: for the guardian who made it, or (until it expires) for an officer of the agency it went to;
     * for anyone else there is none.
     */
    public Uni<Escalated> get(UUID id, String guardian, String agency) {
        return escalations.find(id).chain(x -> {
            boolean theirs = x != null
                    && (x.guardianId().equals(guardian)
                            || (x.agencyId().equals(agency) && !x.expiredAt(clock.instant())));
            if (!theirs) {
                throw ProblemException.notFound("No escalation " + id + " of yours");
            }
            return view(x);
        });
    }

    /** An escalation with the person it is about, as old as they are now. */
    public record Escalated(Escalation escalation, Elder elder, int age) {}

    private Uni<Escalated> view(Escalation x) {
        return elderRows.find(x.elderId()).map(e -> new Escalated(x, e, elders.age(e)));
    }

    /** Publishes a case from an escalation to the officer's agency: name, age, place and time come from the elder. */
    public Uni<MissingCase> publish(String officer, String agency, UUID escalationId, PublishFromEscalation in) {
        return db.transaction(() -> escalations.lock(escalationId).chain(x -> {
                    if (x == null || !x.agencyId().equals(agency)) {
                        throw ProblemException.notFound("Your agency has no escalation " + escalationId);
                    }
                    if (x.expiredAt(clock.instant())) {
                        throw new ProblemException(
                                410,
                                "Gone",
                                "Escalation " + escalationId + " expired at " + x.expiresAt()
                                        + ": the guardian escalates again if the person is still missing");
                    }
                    if (x.caseId() != null) {
                        throw ProblemException.conflict("A case was already published from escalation " + escalationId);
                    }
                    return view(x).chain(v -> {
                        Instant lostAt = x.leftZoneAt() != null
                                ? x.leftZoneAt()
                                : x.lastRecordedAt() != null ? x.lastRecordedAt() : x.createdAt();
                        // the public alert says only what the officer writes: an elder's medical condition is not
                        // published
                        NewCase c = new NewCase(
                                v.elder().name(),
                                v.age(),
                                in.sex(),
                                in.photoUrl(),
                                in.description(),
                                x.lastLatitude(),
                                x.lastLongitude(),
                                lostAt,
                                in.contact());
                        return cases.publish(officer, agency, c, MissingCase.Subject.ELDER)
                                .call(published -> escalations.casePublished(x.id(), published.id()));
                    });
                }))
                .call(cases::forgetAlertsNear);
    }
}
