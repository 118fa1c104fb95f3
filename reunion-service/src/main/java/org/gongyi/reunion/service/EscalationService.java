package org.gongyi.reunion.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Sql;
import org.gongyi.reunion.api.CaseDtos.NewCase;
import org.gongyi.reunion.api.ElderDtos.EscalationView;
import org.gongyi.reunion.api.ElderDtos.NewEscalation;
import org.gongyi.reunion.api.ElderDtos.Position;
import org.gongyi.reunion.api.ElderDtos.PublishFromEscalation;
import org.gongyi.reunion.persistence.Elder;
import org.gongyi.reunion.persistence.Escalation;
import org.gongyi.reunion.persistence.MissingCase;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.instant;

/**
 * A guardian reports a missing elder to a police agency; the agency sees the elder's name, age, condition and last
 * known position, and may publish a case from it at once.
 */
@ApplicationScoped
public class EscalationService {

    private final ElderService elders;
    private final CaseService cases;
    private final Clock clock;

    public EscalationService(ElderService elders, CaseService cases, Clock clock) {
        this.elders = elders;
        this.cases = cases;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Escalation> escalate(String guardian, UUID elderId, NewEscalation in) {
        return ElderService.guarded(guardian, elderId).chain(e -> {
            Escalation x = new Escalation();
            x.id = UUID.randomUUID();
            x.elderId = e.id;
            x.agencyId = in.agencyId();
            x.guardianId = guardian;
            x.note = in.note();
            x.createdAt = clock.instant();
            return x.persist();
        });
    }

    @WithSession
    public Uni<List<EscalationView>> forAgency(String agency) {
        return Escalation.<Escalation>find("agencyId", Sort.by("createdAt").descending(), agency).page(0, 200).list()
                .chain(list -> {
                    Uni<List<EscalationView>> out = Uni.createFrom().item(new ArrayList<>());
                    for (Escalation x : list) {
                        out = out.chain(views -> view(x).map(v -> {
                            views.add(v);
                            return views;
                        }));
                    }
                    return out;
                });
    }

    private Uni<EscalationView> view(Escalation x) {
        return Elder.<Elder>findById(x.elderId).chain(e -> lastKnown(e).chain(last -> Sql.rows(
                        "select left_at from elder_alert where elder_id = ?1 and returned_at is null", r -> instant(r[0]),
                        e.id)
                .map(left -> new EscalationView(x.id, e.id, e.name, elders.age(e), e.condition, x.guardianId, x.note,
                        last, left.isEmpty() ? null : left.get(0), x.createdAt, x.caseId))));
    }

    /** The latest position kept, or the centre of the safe zone when none is. */
    private static Uni<Position> lastKnown(Elder e) {
        return Sql.rows("select latitude, longitude, recorded_at from elder_position where elder_id = ?1 "
                                + "order by recorded_at desc limit 1",
                        r -> new Position(((Number) r[0]).doubleValue(), ((Number) r[1]).doubleValue(), instant(r[2])),
                        e.id)
                .map(l -> l.isEmpty() ? new Position(e.zoneLatitude, e.zoneLongitude, null) : l.get(0));
    }

    /** Publishes a case from an escalation to the officer's agency: name, age, place and time come from the elder. */
    @WithTransaction
    public Uni<MissingCase> publish(String officer, String agency, UUID escalationId, PublishFromEscalation in) {
        return Escalation.<Escalation>findById(escalationId).chain(x -> {
            if (x == null || !x.agencyId.equals(agency)) {
                throw ProblemException.notFound("Your agency has no escalation " + escalationId);
            }
            if (x.caseId != null) {
                throw ProblemException.conflict("A case was already published from escalation " + escalationId);
            }
            return view(x).chain(v -> {
                Instant lostAt = v.leftZoneAt() != null ? v.leftZoneAt()
                        : v.lastKnown().recordedAt() != null ? v.lastKnown().recordedAt() : x.createdAt;
                // the public alert says only what the officer writes: an elder's medical condition is not published
                NewCase c = new NewCase(v.name(), v.age(), in.sex(), in.photoUrl(), in.description(),
                        v.lastKnown().latitude(),
                        v.lastKnown().longitude(), lostAt, in.contact());
                return cases.publish(officer, agency, c, MissingCase.Subject.ELDER).invoke(published -> x.caseId = published.id);
            });
        });
    }
}
