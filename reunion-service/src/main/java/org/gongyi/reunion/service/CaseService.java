package org.gongyi.reunion.service;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.events.contract.AlertClosed;
import org.gongyi.events.contract.AlertPublished;
import org.gongyi.events.contract.LeadSent;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.reunion.ReunionConfig;
import org.gongyi.reunion.api.CaseDtos.LeadHandling;
import org.gongyi.reunion.api.CaseDtos.NewCase;
import org.gongyi.reunion.api.CaseDtos.NewLead;
import org.gongyi.reunion.domain.GridCell;
import org.gongyi.reunion.domain.RadiusSchedule;
import org.gongyi.reunion.persistence.Cases;
import org.gongyi.reunion.persistence.Lead;
import org.gongyi.reunion.persistence.MissingCase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Cases: officers publish them for their agency and close them; the public sees recent alerts near them and sends
 * leads, which only the case's agency reads. Publishing and closing only mark the case due for pushing; the
 * {@link AlertPusher} delivers.
 */
@ApplicationScoped
public class CaseService {

    /** The cache of the alerts near a cell, as everyone there reads them. */
    public static final String ALERTS_CACHE = "alerts-near-cell";

    private final Db db;
    private final Cache alertsNearCells;
    private final Cases cases;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration publicWindow;

    public CaseService(
            Db db,
            Cases cases,
            Outbox outbox,
            Clock clock,
            @CacheName(ALERTS_CACHE) Cache alertsNearCells,
            ReunionConfig config) {
        this.db = db;
        this.alertsNearCells = alertsNearCells;
        this.cases = cases;
        this.outbox = outbox;
        this.clock = clock;
        this.publicWindow = Duration.ofDays(config.publicAlertDays());
    }

    /** A missing child's case, published by an officer (and at once in the alerts near it, on this instance). */
    public Uni<MissingCase> publish(String officer, String agency, NewCase in) {
        return db.transaction(() -> publish(officer, agency, in, MissingCase.Subject.CHILD))
                .call(() -> alertsNearCells.invalidateAll());
    }

    /** Makes this instance forget the alerts near every cell: after a case is published, once committed. */
    Uni<Void> forgetAlertsNear(Object published) {
        return alertsNearCells.invalidateAll();
    }

    /**
     * Publishes a case about a child or an elder in the caller's transaction (from a family's report or a guardian's
     * escalation).
     */
    Uni<MissingCase> publish(String officer, String agency, NewCase in, MissingCase.Subject subject) {
        Instant now = clock.instant();
        if (in.lostAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw ProblemException.badRequest("lostAt is in the future");
        }
        if (in.lostAt().isBefore(now.minus(Duration.ofDays(365 * 100)))) {
            throw ProblemException.badRequest("lostAt is too far in the past");
        }
        return cases.publish(
                        UUID.randomUUID(),
                        agency,
                        officer,
                        in.name(),
                        in.age(),
                        in.sex(),
                        in.photoUrl(),
                        in.description(),
                        in.latitude(),
                        in.longitude(),
                        in.lostAt(),
                        in.contact(),
                        now,
                        subject)
                .call(c -> outbox.append(new AlertPublished(
                        c.id().toString(),
                        agency,
                        c.title(),
                        c.description(),
                        c.latitude(),
                        c.longitude(),
                        c.lostAt(),
                        now)));
    }

    /** Closes a case of the officer's agency as found (with an outcome) or as a false report; its closure is pushed. */
    public Uni<MissingCase> close(
            String officer, String agency, UUID id, MissingCase.Closure closure, MissingCase.Outcome outcome) {
        if (closure == MissingCase.Closure.FOUND && outcome == null) {
            throw ProblemException.badRequest(
                    "A case closed as FOUND needs an outcome: " + Arrays.toString(MissingCase.Outcome.values()));
        }
        if (closure == MissingCase.Closure.FALSE_REPORT && outcome != null) {
            throw ProblemException.badRequest("A false report has no outcome");
        }
        Instant now = clock.instant();
        return db.transaction(() -> cases.closePublished(id, agency, now, officer, closure, outcome)
                        .chain(n -> ownCase(agency, id).invoke(c -> {
                            if (n == 0) {
                                throw ProblemException.conflict("Case " + id + " is already closed");
                            }
                        }))
                        .call(c -> outbox.append(new AlertClosed(
                                id.toString(), closure.name(), outcome == null ? null : outcome.name(), now))))
                .call(() -> alertsNearCells.invalidateAll());
    }

    public Uni<MissingCase> caseOf(String agency, UUID id) {
        return ownCase(agency, id);
    }

    private Uni<MissingCase> ownCase(String agency, UUID id) {
        return cases.find(id).map(c -> {
            if (c == null || !c.agencyId().equals(agency)) {
                throw ProblemException.notFound("Your agency has no case " + id);
            }
            return c;
        });
    }

    public Uni<List<MissingCase>> agencyCases(String agency, int page, int size) {
        return cases.ofAgency(agency, page, size);
    }

    /** A public alert: only while it is recent. */
    public Uni<MissingCase> publicAlert(UUID id) {
        Instant since = clock.instant().minus(publicWindow);
        return cases.find(id).map(c -> {
            if (c == null || c.publishedAt().isBefore(since)) {
                throw ProblemException.notFound("No recent alert " + id);
            }
            return c;
        });
    }

    /**
     * Alerts of the last days whose reach covers the cell's centre (the radius pushed so far, or the first radius if
     * none yet), nearest first (at most 100), in one query. The same for everyone in the cell, so kept a second
     * ({@code quarkus.cache.caffeine."alerts-near-cell".*}); a case published or closed here, once committed, makes
     * this instance forget them all.
     */
    @CacheResult(cacheName = ALERTS_CACHE)
    public Uni<List<Cases.Nearby>> nearCell(GridCell cell) {
        Instant now = clock.instant();
        return cases.near(
                cell.latitude(),
                cell.longitude(),
                now.minus(publicWindow),
                RadiusSchedule.MAX_KM * 1000.0,
                RadiusSchedule.radiusKm(now, now),
                100);
    }

    /** A lead on a published, recent case; a {@code reunion.lead-sent} event says its author took part. */
    public Uni<Lead> lead(String author, UUID caseId, NewLead in) {
        if ((in.latitude() == null) != (in.longitude() == null)) {
            throw ProblemException.badRequest("Give both latitude and longitude, or neither");
        }
        Instant now = clock.instant();
        return db.transaction(() -> cases.find(caseId).chain(c -> {
            if (c == null || c.publishedAt().isBefore(now.minus(publicWindow))) {
                throw ProblemException.notFound("No recent alert " + caseId);
            }
            if (c.status() != MissingCase.Status.PUBLISHED) {
                throw ProblemException.conflict("Case " + caseId + " is closed");
            }
            return cases.addLead(
                            UUID.randomUUID(),
                            caseId,
                            author,
                            in.text(),
                            in.latitude(),
                            in.longitude(),
                            in.photoUrl(),
                            now)
                    // that the author took part (for campaigns), never the case or the lead's words
                    .call(l -> outbox.append(new LeadSent(l.id().toString(), author, now)));
        }));
    }

    public Uni<List<Lead>> leads(String agency, UUID caseId) {
        return ownCase(agency, caseId).chain(c -> cases.leads(caseId));
    }

    /**
     * Marks a lead on one of the agency's cases handled, once: the same handling again answers the lead as it is (the
     * first handling's officer and time); a different one is a conflict.
     */
    public Uni<Lead> handleLead(String officer, String agency, UUID caseId, UUID leadId, LeadHandling in) {
        Instant now = clock.instant();
        return db.transaction(() -> lead(agency, caseId, leadId).chain(existing -> {
            if (!existing.handled()) {
                return cases.handleLead(caseId, leadId, now, officer, in.outcome(), in.note())
                        .chain(l -> l != null ? Uni.createFrom().item(l) : cases.lead(caseId, leadId))
                        .invoke(l -> sameHandling(l, in));
            }
            sameHandling(existing, in);
            return Uni.createFrom().item(existing);
        }));
    }

    private static void sameHandling(Lead l, LeadHandling in) {
        if (l.handlingOutcome() != in.outcome() || !Objects.equals(l.handlingNote(), in.note())) {
            throw ProblemException.conflict("Lead " + l.id() + " was already handled by " + l.handledBy() + " at "
                    + l.handledAt() + " as " + l.handlingOutcome());
        }
    }

    /** One lead on one of the agency's cases. */
    public Uni<Lead> lead(String agency, UUID caseId, UUID leadId) {
        return ownCase(agency, caseId)
                .chain(c -> cases.lead(caseId, leadId))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No lead " + leadId + " on case " + caseId));
    }
}
