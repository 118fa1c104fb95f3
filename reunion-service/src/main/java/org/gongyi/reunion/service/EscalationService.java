package org.gongyi.reunion.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.reunion.api.CaseDtos.NewCase;
import org.gongyi.reunion.api.ElderDtos.EscalationView;
import org.gongyi.reunion.api.ElderDtos.NewEscalation;
import org.gongyi.reunion.api.ElderDtos.Position;
import org.gongyi.reunion.api.ElderDtos.PublishFromEscalation;
import org.gongyi.reunion.persistence.Elder;
import org.gongyi.reunion.persistence.Elders;
import org.gongyi.reunion.persistence.Escalation;
import org.gongyi.reunion.persistence.Escalations;
import org.gongyi.reunion.persistence.MissingCase;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A guardian reports a missing elder to a police agency; the agency sees the elder's name, age, condition and last
 * known position, and may publish a case from it at once.
 */
@ApplicationScoped
public class EscalationService {

    private final Db db;
    private final Escalations escalations;
    private final Elders elderRows;
    private final ElderService elders;
    private final CaseService cases;
    private final Clock clock;

    public EscalationService(Db db, Escalations escalations, Elders elderRows, ElderService elders, CaseService cases,
                             Clock clock) {
        this.db = db;
        this.escalations = escalations;
        this.elderRows = elderRows;
        this.elders = elders;
        this.cases = cases;
        this.clock = clock;
    }

    public Uni<Escalation> escalate(String guardian, UUID elderId, NewEscalation in) {
        return db.transaction(() -> elders.guarded(guardian, elderId).chain(e -> escalations.escalate(
                UUID.randomUUID(), e.id(), in.agencyId(), guardian, in.note(), clock.instant())));
    }

    public Uni<List<EscalationView>> forAgency(String agency) {
        return escalations.ofAgency(agency).chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(this::view).collect().asList());
    }

    private Uni<EscalationView> view(Escalation x) {
        return elderRows.find(x.elderId()).chain(e -> lastKnown(e).chain(last -> elderRows.openAlertLeftAt(e.id())
                .map(left -> new EscalationView(x.id(), e.id(), e.name(), elders.age(e), e.condition(),
                        x.guardianId(), x.note(), last, left, x.createdAt(), x.caseId()))));
    }

    /** The latest position kept, or the centre of the safe zone when none is. */
    private Uni<Position> lastKnown(Elder e) {
        return elderRows.latestPosition(e.id()).map(p -> p == null
                ? new Position(e.zoneLatitude(), e.zoneLongitude(), null)
                : new Position(p.latitude(), p.longitude(), p.recordedAt()));
    }

    /** Publishes a case from an escalation to the officer's agency: name, age, place and time come from the elder. */
    public Uni<MissingCase> publish(String officer, String agency, UUID escalationId, PublishFromEscalation in) {
        return db.transaction(() -> escalations.lock(escalationId).chain(x -> {
            if (x == null || !x.agencyId().equals(agency)) {
                throw ProblemException.notFound("Your agency has no escalation " + escalationId);
            }
            if (x.caseId() != null) {
                throw ProblemException.conflict("A case was already published from escalation " + escalationId);
            }
            return view(x).chain(v -> {
                Instant lostAt = v.leftZoneAt() != null ? v.leftZoneAt()
                        : v.lastKnown().recordedAt() != null ? v.lastKnown().recordedAt() : x.createdAt();
                // the public alert says only what the officer writes: an elder's medical condition is not published
                NewCase c = new NewCase(v.name(), v.age(), in.sex(), in.photoUrl(), in.description(),
                        v.lastKnown().latitude(), v.lastKnown().longitude(), lostAt, in.contact());
                return cases.publish(officer, agency, c, MissingCase.Subject.ELDER)
                        .call(published -> escalations.casePublished(x.id(), published.id()));
            });
        }));
    }
}
