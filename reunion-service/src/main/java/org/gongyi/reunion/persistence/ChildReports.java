package org.gongyi.reunion.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Families' reports of missing children to police agencies. */
@ApplicationScoped
public class ChildReports {

    /** What a family reports. */
    public record Reported(
            UUID id,
            String agencyId,
            String reporterId,
            String reporterContact,
            String childName,
            int age,
            MissingCase.Sex sex,
            String description,
            String photoUrl,
            double latitude,
            double longitude,
            Instant lostAt,
            Instant createdAt) {}

    private static final String REPORT = """
            insert into child_report (id, agency_id, reporter_id, reporter_contact, child_name, age, sex, description,
                                      photo_url, latitude, longitude, lost_at, created_at, status)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'PENDING')
            returning %s
            """.formatted(ChildReport.COLUMNS);
    /** The agency's reports, those waiting for a decision first, then newest first. */
    private static final String OF_AGENCY = """
            select %s from child_report where agency_id = $1
            order by status = 'PENDING' desc, created_at desc, id limit 200
            """.formatted(ChildReport.COLUMNS);

    private static final String OF_REPORTER = """
            select %s from child_report where reporter_id = $1 order by created_at desc, id limit 200
            """.formatted(ChildReport.COLUMNS);
    private static final String BY_ID = "select %s from child_report where id = $1".formatted(ChildReport.COLUMNS);
    /** Locked: one decision is taken on a report. */
    private static final String BY_ID_LOCKED =
            "select %s from child_report where id = $1 for update".formatted(ChildReport.COLUMNS);

    private static final String PUBLISHED = """
            update child_report set status = 'PUBLISHED', decided_at = $2, decided_by = $3, case_id = $4
             where id = $1 and status = 'PENDING'
            returning %s
            """.formatted(ChildReport.COLUMNS);
    private static final String DECLINED = """
            update child_report set status = 'DECLINED', decided_at = $2, decided_by = $3, decline_reason = $4
             where id = $1 and status = 'PENDING'
            returning %s
            """.formatted(ChildReport.COLUMNS);

    private final Db db;

    public ChildReports(Db db) {
        this.db = db;
    }

    public Uni<ChildReport> report(Reported r) {
        return db.first(
                REPORT,
                ChildReport::from,
                r.id(),
                r.agencyId(),
                r.reporterId(),
                r.reporterContact(),
                r.childName(),
                r.age(),
                r.sex(),
                r.description(),
                r.photoUrl(),
                r.latitude(),
                r.longitude(),
                r.lostAt(),
                r.createdAt());
    }

    /** The agency's latest 200 reports, pending ones first. */
    public Uni<List<ChildReport>> ofAgency(String agency) {
        return db.list(OF_AGENCY, ChildReport::from, agency);
    }

    /** The reporter's latest 200 reports. */
    public Uni<List<ChildReport>> ofReporter(String reporter) {
        return db.list(OF_REPORTER, ChildReport::from, reporter);
    }

    /** The report, or null. */
    public Uni<ChildReport> find(UUID id) {
        return db.first(BY_ID, ChildReport::from, id);
    }

    /** The report locked for this transaction, or null. */
    public Uni<ChildReport> lock(UUID id) {
        return db.first(BY_ID_LOCKED, ChildReport::from, id);
    }

    /** The pending report with the case published from it. */
    public Uni<ChildReport> published(UUID id, Instant now, String officer, UUID caseId) {
        return db.first(PUBLISHED, ChildReport::from, id, now, officer, caseId);
    }

    /** The pending report declined with a reason. */
    public Uni<ChildReport> declined(UUID id, Instant now, String officer, String reason) {
        return db.first(DECLINED, ChildReport::from, id, now, officer, reason);
    }
}
