package org.gongyi.reunion.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Sql;
import org.gongyi.events.contract.AlertClosed;
import org.gongyi.events.contract.AlertPublished;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.reunion.api.CaseDtos.NewCase;
import org.gongyi.reunion.api.CaseDtos.NewLead;
import org.gongyi.reunion.domain.RadiusSchedule;
import org.gongyi.reunion.persistence.Lead;
import org.gongyi.reunion.persistence.MissingCase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.utc;

/**
 * Cases: officers publish them for their agency and close them; the public sees recent alerts near them and sends
 * leads, which only the case's agency reads. Publishing and closing only mark the case due for pushing; the
 * {@link AlertPusher} delivers.
 */
@ApplicationScoped
public class CaseService {

    private final Outbox outbox;
    private final Clock clock;
    private final Duration publicWindow;

    public CaseService(Outbox outbox, Clock clock,
                       @ConfigProperty(name = "gongyi.reunion.public-alert-days") int publicDays) {
        this.outbox = outbox;
        this.clock = clock;
        this.publicWindow = Duration.ofDays(publicDays);
    }

    /** A missing child's case, published by an officer. */
    @WithTransaction
    public Uni<MissingCase> publish(String officer, String agency, NewCase in) {
        return publish(officer, agency, in, MissingCase.Subject.CHILD);
    }

    /** Publishes a case about a child or (from an escalation, in the caller's transaction) an elder. */
    Uni<MissingCase> publish(String officer, String agency, NewCase in, MissingCase.Subject subject) {
        Instant now = clock.instant();
        if (in.lostAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw ProblemException.badRequest("lostAt is in the future");
        }
        if (in.lostAt().isBefore(now.minus(Duration.ofDays(365 * 100)))) {
            throw ProblemException.badRequest("lostAt is too far in the past");
        }
        UUID id = UUID.randomUUID();
        return Sql.exec("insert into missing_case (id, agency_id, officer_id, person_name, age, sex, photo_url, "
                                + "description, latitude, longitude, pos, lost_at, contact, status, published_at, next_push_at, "
                                + "subject) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ll_to_earth(?9, ?10), ?11, ?12, "
                                + "'PUBLISHED', ?13, ?13, ?14)", id, agency, officer, in.name(), in.age(), in.sex().name(),
                        in.photoUrl(), in.description(), in.latitude(), in.longitude(), utc(in.lostAt()),
                        in.contact(), utc(now), subject.name())
                .chain(() -> MissingCase.<MissingCase>findById(id))
                .call(c -> outbox.append(new AlertPublished(c.id.toString(), agency, c.title(), c.description,
                        c.latitude, c.longitude, c.lostAt, now)));
    }

    /** Closes a case of the officer's agency as found (with an outcome) or as a false report; its closure is pushed. */
    @WithTransaction
    public Uni<MissingCase> close(String officer, String agency, UUID id, MissingCase.Closure closure,
                                  MissingCase.Outcome outcome) {
        if (closure == MissingCase.Closure.FOUND && outcome == null) {
            throw ProblemException.badRequest("A case closed as FOUND needs an outcome: "
                    + java.util.Arrays.toString(MissingCase.Outcome.values()));
        }
        if (closure == MissingCase.Closure.FALSE_REPORT && outcome != null) {
            throw ProblemException.badRequest("A false report has no outcome");
        }
        Instant now = clock.instant();
        return Sql.exec("update missing_case set status = 'CLOSED', closed_at = ?3, closed_by = ?4, closure = ?5, "
                                + "outcome = ?6, next_push_at = ?3 where id = ?1 and agency_id = ?2 and status = 'PUBLISHED'",
                        id, agency, utc(now), officer, closure.name(), outcome == null ? null : outcome.name())
                .chain(n -> ownCase(agency, id).invoke(c -> {
                    if (n == 0) {
                        throw ProblemException.conflict("Case " + id + " is already closed");
                    }
                }))
                .call(c -> outbox.append(new AlertClosed(id.toString(), closure.name(),
                        outcome == null ? null : outcome.name(), now)));
    }

    @WithSession
    public Uni<MissingCase> caseOf(String agency, UUID id) {
        return ownCase(agency, id);
    }

    private static Uni<MissingCase> ownCase(String agency, UUID id) {
        return MissingCase.<MissingCase>findById(id).map(c -> {
            if (c == null || !c.agencyId.equals(agency)) {
                throw ProblemException.notFound("Your agency has no case " + id);
            }
            return c;
        });
    }

    @WithSession
    public Uni<List<MissingCase>> agencyCases(String agency, int page, int size) {
        return MissingCase.<MissingCase>find("agencyId", Sort.by("publishedAt").descending().and("id"), agency)
                .page(Page.of(page, size)).list();
    }

    /** A public alert: only while it is recent. */
    @WithSession
    public Uni<MissingCase> publicAlert(UUID id) {
        Instant since = clock.instant().minus(publicWindow);
        return MissingCase.<MissingCase>findById(id).map(c -> {
            if (c == null || c.publishedAt.isBefore(since)) {
                throw ProblemException.notFound("No recent alert " + id);
            }
            return c;
        });
    }

    public record Nearby(MissingCase alert, double distanceKm) {
    }

    /**
     * Alerts of the last days whose reach covers the point (the radius pushed so far, or the first radius if none
     * yet), nearest first. The GiST index on the place of loss narrows the search to the widest radius.
     */
    @WithSession
    public Uni<List<Nearby>> near(double lat, double lon, int limit) {
        Instant now = clock.instant();
        return Sql.rows("select cast(id as text), earth_distance(ll_to_earth(?1, ?2), pos) / 1000 from missing_case "
                                + "where published_at >= ?3 and earth_box(ll_to_earth(?1, ?2), ?4) @> pos "
                                + "and earth_distance(ll_to_earth(?1, ?2), pos) <= coalesce(radius_km, ?5) * 1000.0 "
                                + "order by 2 limit ?6",
                        r -> new Object[]{UUID.fromString((String) r[0]), ((Number) r[1]).doubleValue()},
                        lat, lon, utc(now.minus(publicWindow)), RadiusSchedule.MAX_KM * 1000.0,
                        RadiusSchedule.radiusKm(now, now), limit)
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(List.<Nearby>of());
                    }
                    List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
                    return MissingCase.<MissingCase>list("id in ?1", ids).map(cases -> {
                        Map<UUID, MissingCase> byId = new java.util.HashMap<>();
                        cases.forEach(c -> byId.put(c.id, c));
                        List<Nearby> out = new ArrayList<>();
                        rows.forEach(r -> out.add(new Nearby(byId.get((UUID) r[0]), (Double) r[1])));
                        return out;
                    });
                });
    }

    /** A lead on a published, recent case. */
    @WithTransaction
    public Uni<Lead> lead(String author, UUID caseId, NewLead in) {
        if ((in.latitude() == null) != (in.longitude() == null)) {
            throw ProblemException.badRequest("Give both latitude and longitude, or neither");
        }
        Instant now = clock.instant();
        return MissingCase.<MissingCase>findById(caseId).chain(c -> {
            if (c == null || c.publishedAt.isBefore(now.minus(publicWindow))) {
                throw ProblemException.notFound("No recent alert " + caseId);
            }
            if (c.status != MissingCase.Status.PUBLISHED) {
                throw ProblemException.conflict("Case " + caseId + " is closed");
            }
            Lead l = new Lead();
            l.id = UUID.randomUUID();
            l.caseId = caseId;
            l.authorId = author;
            l.text = in.text();
            l.latitude = in.latitude();
            l.longitude = in.longitude();
            l.photoUrl = in.photoUrl();
            l.createdAt = now;
            return l.persist();
        });
    }

    @WithSession
    public Uni<List<Lead>> leads(String agency, UUID caseId) {
        return ownCase(agency, caseId).chain(c -> Lead.<Lead>find("caseId", Sort.by("createdAt").and("id"), caseId)
                .page(Page.ofSize(1000)).list());
    }
}
