package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Programmes, their poor-county lists, the jobs their charities report and their figures. */
@ApplicationScoped
public class Programmes {

    /** Nothing when the project already has a programme. */
    private static final String INSERT = """
            insert into programme (id, project_id, charity_id, kind, name, unit_fen, created_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (project_id) do nothing
            returning %s
            """.formatted(CharityProgramme.COLUMNS);

    private static final String BY_ID = "select %s from programme where id = $1".formatted(CharityProgramme.COLUMNS);
    private static final String BY_PROJECT =
            "select %s from programme where project_id = $1".formatted(CharityProgramme.COLUMNS);
    private static final String OF_PROJECTS = """
            select %s from programme where project_id = any(cast($1 as uuid[]))
            """.formatted(CharityProgramme.COLUMNS);
    private static final String PAGE_BY_CREATION = """
            select %s from programme order by created_at, id limit $1 offset $2
            """.formatted(CharityProgramme.COLUMNS);

    /** Settlement and claims change the figures of one programme at a time. */
    private static final String LOCK = """
            select %s from programme where id = $1 for no key update
            """.formatted(CharityProgramme.COLUMNS);

    private static final String BOUGHT = """
            update programme
               set carried_fen = $2, benefit_count = benefit_count + $3, spent_fen = spent_fen + $4,
                   helped_count = helped_count + $5
             where id = $1""";
    private static final String CLAIM_PAID = """
            update programme set claim_count = claim_count + 1, claims_paid_fen = claims_paid_fen + $2 where id = $1""";

    /** A month's report replaces an earlier one of the same month; the figure is the sum of the months. */
    private static final String REPORT_JOBS = """
            insert into programme_jobs (programme_id, month, jobs, reported_at) values ($1, $2, $3, $4)
            on conflict (programme_id, month) do update set jobs = excluded.jobs, reported_at = excluded.reported_at
            returning programme_id, month, jobs, reported_at""";

    private static final String RECOUNT_JOBS = """
            update programme
               set job_count = (select coalesce(sum(jobs), 0) from programme_jobs where programme_id = $1)
             where id = $1""";
    private static final String JOBS_BY_MONTH = """
            select programme_id, month, jobs, reported_at from programme_jobs where programme_id = $1 order by month""";

    /** The programme a shop's mother is enrolled in, as her items show it. */
    private static final String OF_SHOP = """
            select %s from programme where id = (select programme_id from beneficiary where seller_id = $1)
            """.formatted(CharityProgramme.COLUMNS);

    private static final String COUNTIES = """
            select county from programme_county where programme_id = $1 order by county""";
    private static final String FORGET_COUNTIES = "delete from programme_county where programme_id = $1";
    private static final String ADD_COUNTIES = """
            insert into programme_county (programme_id, county)
            select $1, county from unnest(cast($2 as text[])) as c (county)""";

    private final Db db;

    public Programmes(Db db) {
        this.db = db;
    }

    /** The programme inserted, or null when its project already has one. */
    public Uni<CharityProgramme> insert(CharityProgramme p) {
        return db.first(
                INSERT,
                CharityProgramme::from,
                p.id(),
                p.projectId(),
                p.charityId(),
                p.kind(),
                p.name(),
                p.unitFen(),
                p.createdAt());
    }

    /** The programme, or null. */
    public Uni<CharityProgramme> find(UUID id) {
        return db.first(BY_ID, CharityProgramme::from, id);
    }

    /** The project's programme, or null. */
    public Uni<CharityProgramme> ofProject(UUID projectId) {
        return db.first(BY_PROJECT, CharityProgramme::from, projectId);
    }

    public Uni<List<CharityProgramme>> ofProjects(List<UUID> projectIds) {
        return db.list(OF_PROJECTS, CharityProgramme::from, (Object) projectIds.toArray(UUID[]::new));
    }

    public Uni<List<CharityProgramme>> page(int page, int size) {
        return db.list(PAGE_BY_CREATION, CharityProgramme::from, size, page * size);
    }

    /** The programme, locked until the transaction ends; null when there is none. */
    public Uni<CharityProgramme> lock(UUID id) {
        return db.first(LOCK, CharityProgramme::from, id);
    }

    /** A payout bought {@code benefits} for {@code spentFen}, {@code newlyHelped} of them people's first. */
    public Uni<Void> bought(UUID id, long carriedFen, long benefits, long spentFen, long newlyHelped) {
        return db.update(BOUGHT, id, carriedFen, benefits, spentFen, newlyHelped)
                .replaceWithVoid();
    }

    public Uni<Void> claimPaid(UUID id, long amountFen) {
        return db.update(CLAIM_PAID, id, amountFen).replaceWithVoid();
    }

    /** The jobs a month's report counts. */
    public record MonthJobs(UUID programmeId, YearMonth month, int jobs, Instant reportedAt) {
        static MonthJobs from(Row row) {
            return new MonthJobs(
                    row.getUUID("programme_id"),
                    YearMonth.from(row.getLocalDate("month")),
                    row.getInteger("jobs"),
                    Db.instant(row, "reported_at"));
        }
    }

    /** Records a month's jobs (replacing an earlier report of the month) and recounts the programme's. */
    public Uni<MonthJobs> reportJobs(MonthJobs report) {
        return db.first(
                        REPORT_JOBS,
                        MonthJobs::from,
                        report.programmeId(),
                        report.month().atDay(1),
                        report.jobs(),
                        report.reportedAt())
                .call(() -> db.update(RECOUNT_JOBS, report.programmeId()));
    }

    public Uni<List<MonthJobs>> jobs(UUID id) {
        return db.list(JOBS_BY_MONTH, MonthJobs::from, id);
    }

    /** The programme the shop's mother is enrolled in, or null. */
    public Uni<CharityProgramme> ofShop(String sellerId) {
        return db.first(OF_SHOP, CharityProgramme::from, sellerId);
    }

    public Uni<List<String>> counties(UUID id) {
        return db.list(COUNTIES, r -> r.getString("county"), id);
    }

    /** Replaces the programme's county list. */
    public Uni<Void> replaceCounties(UUID id, Set<String> counties) {
        return db.update(FORGET_COUNTIES, id)
                .chain(() -> db.update(ADD_COUNTIES, id, counties.toArray(String[]::new)))
                .replaceWithVoid();
    }
}
