package org.gongyi.reunion.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.reunion.api.CaseDtos.NewCase;
import org.gongyi.reunion.api.ChildReportDtos.NewChildReport;
import org.gongyi.reunion.api.ChildReportDtos.PublishFromReport;
import org.gongyi.reunion.persistence.ChildReport;
import org.gongyi.reunion.persistence.ChildReports;
import org.gongyi.reunion.persistence.MissingCase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Families report a missing child to a police agency (parents do not publish: they report to police); the agency's
 * police publish a case from the report or decline it with a reason, once. Only the agency's police and the reporting
 * family see a report; for anyone else there is none.
 */
@ApplicationScoped
public class ChildReportService {

    private final Db db;
    private final ChildReports reports;
    private final CaseService cases;
    private final Clock clock;

    public ChildReportService(Db db, ChildReports reports, CaseService cases, Clock clock) {
        this.db = db;
        this.reports = reports;
        this.cases = cases;
        this.clock = clock;
    }

    public Uni<ChildReport> report(String reporter, NewChildReport in) {
        Instant now = clock.instant();
        if (in.lostAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw ProblemException.badRequest("lostAt is in the future");
        }
        if (in.lostAt().isBefore(now.minus(Duration.ofDays(365 * 18)))) {
            throw ProblemException.badRequest("lostAt is too far in the past for a child's report");
        }
        return reports.report(new ChildReports.Reported(
                UUID.randomUUID(),
                in.agencyId(),
                reporter,
                in.reporterContact(),
                in.name(),
                in.age(),
                in.sex(),
                in.description(),
                in.photoUrl(),
                in.latitude(),
                in.longitude(),
                in.lostAt(),
                now));
    }

    public Uni<List<ChildReport>> forAgency(String agency) {
        return reports.ofAgency(agency);
    }

    public Uni<List<ChildReport>> ofReporter(String reporter) {
        return reports.ofReporter(reporter);
    }

    /** One report: for the family who made it, or for an officer of the agency it went to; nobody else. */
    public Uni<ChildReport> get(UUID id, String reporter, String agency) {
        return reports.find(id).map(r -> {
            if (r == null || !(r.reporterId().equals(reporter) || r.agencyId().equals(agency))) {
                throw ProblemException.notFound("No report " + id + " of yours");
            }
            return r;
        });
    }

    /** Publishes a child's case from a pending report to the officer's agency. */
    public Uni<MissingCase> publish(String officer, String agency, UUID id, PublishFromReport in) {
        return db.transaction(() -> pending(agency, id).chain(r -> {
                    // the public alert says what the officer writes: the family's own words are not published
                    NewCase c = new NewCase(
                            r.childName(),
                            r.age(),
                            r.sex(),
                            in.photoUrl() != null ? in.photoUrl() : r.photoUrl(),
                            in.description(),
                            r.latitude(),
                            r.longitude(),
                            r.lostAt(),
                            in.contact());
                    return cases.publish(officer, agency, c, MissingCase.Subject.CHILD)
                            .call(published -> reports.published(id, clock.instant(), officer, published.id()));
                }))
                .call(cases::forgetAlertsNear);
    }

    /** Declines a pending report with a reason the family reads. */
    public Uni<ChildReport> decline(String officer, String agency, UUID id, String reason) {
        return db.transaction(
                () -> pending(agency, id).chain(r -> reports.declined(id, clock.instant(), officer, reason)));
    }

    /** The agency's report, locked, while no decision is taken on it. */
    private Uni<ChildReport> pending(String agency, UUID id) {
        return reports.lock(id).map(r -> {
            if (r == null || !r.agencyId().equals(agency)) {
                throw ProblemException.notFound("Your agency has no report " + id);
            }
            if (r.status() != ChildReport.Status.PENDING) {
                throw ProblemException.conflict(
                        "Report " + id + " was already " + r.status().name().toLowerCase() + " at " + r.decidedAt());
            }
            return r;
        });
    }
}
