package org.gongyi.donation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.donation.persistence.CharityProject;
import org.gongyi.donation.persistence.Payout;
import org.gongyi.common.persistence.Sql;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Settlement: closes the period up to {@code periodEnd} for every project with unsettled entries (donations by
 * the time they were recorded, reversals by the time they were made) into one payout each. Running it again for
 * the same period changes nothing; a late reversal lands in the next period, so a payout may be negative.
 */
@ApplicationScoped
public class SettlementService {

    private final Clock clock;

    public SettlementService(Clock clock) {
        this.clock = clock;
    }

    private static final Logger LOG = Logger.getLogger(SettlementService.class);

    public record Statement(UUID projectId, List<Payout> payouts, long settledNetFen, long openBalanceFen,
                            long netFen) {
    }

    /** Every day at 00:05 China Standard Time, the day before is closed. */
    @Scheduled(cron = "{gongyi.settlement.cron:0 5 0 * * ?}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> daily() {
        Instant end = LocalDate.ofInstant(clock.instant(), ReportService.ZONE).atStartOfDay(ReportService.ZONE).toInstant();
        return settle(end).invoke(p -> LOG.infof("Settlement up to %s: %d payout(s)", end, p.size())).replaceWithVoid();
    }

    @WithTransaction
    public Uni<List<Payout>> settle(Instant requestedEnd) {
        Instant periodEnd = requestedEnd.truncatedTo(ChronoUnit.MICROS); // PostgreSQL's precision
        return Sql.numbers("select count(*) from (select pg_advisory_xact_lock(hashtext('gongyi.settlement'))) l")
                .chain(() -> Sql.strings("""
                        select cast(project_id as text) from donation where payout_id is null and recorded_at < ?1
                        union
                        select cast(project_id as text) from donation_reversal where payout_id is null and reversed_at < ?1
                        """, periodEnd))
                .chain(projects -> Multi.createFrom().iterable(projects)
                        .onItem().transformToUniAndConcatenate(p -> settleProject(UUID.fromString(p), periodEnd))
                        .filter(p -> p != null)
                        .collect().asList());
    }

    private Uni<Payout> settleProject(UUID projectId, Instant periodEnd) {
        return Payout.<Payout>find("projectId = ?1 order by periodEnd desc", projectId).firstResult().chain(last -> {
            if (last != null && !last.periodEnd.isBefore(periodEnd)) {
                return Uni.createFrom().nullItem(); // this period (or a later one) is already closed
            }
            Payout p = new Payout();
            p.id = UUID.randomUUID();
            p.projectId = projectId;
            p.periodStart = last == null ? null : last.periodEnd;
            p.periodEnd = periodEnd;
            p.createdAt = clock.instant();
            return Sql.numbers("select coalesce(sum(amount_fen), 0), count(*) from donation "
                    + "where project_id = ?1 and payout_id is null and recorded_at < ?2", projectId, periodEnd)
                    .invoke(d -> {
                        p.donatedFen = d[0];
                        p.donationCount = d[1];
                    })
                    .chain(() -> Sql.numbers("select coalesce(sum(amount_fen), 0), count(*) from donation_reversal "
                            + "where project_id = ?1 and payout_id is null and reversed_at < ?2", projectId, periodEnd))
                    .invoke(r -> {
                        p.reversedFen = r[0];
                        p.reversalCount = r[1];
                        p.netFen = p.donatedFen - p.reversedFen;
                    })
                    .chain(() -> p.persistAndFlush())
                    .chain(() -> Sql.exec("update donation set payout_id = ?1 where project_id = ?2 and payout_id is null "
                            + "and recorded_at < ?3", p.id, projectId, periodEnd))
                    .chain(() -> Sql.exec("update donation_reversal set payout_id = ?1 where project_id = ?2 "
                            + "and payout_id is null and reversed_at < ?3", p.id, projectId, periodEnd))
                    .replaceWith(p);
        });
    }

    @WithSession
    public Uni<Statement> statement(UUID projectId) {
        return CharityProject.<CharityProject>findById(projectId)
                .onItem().ifNull().failWith(() -> org.gongyi.common.http.ProblemException.notFound("No project " + projectId))
                .chain(project -> Payout.<Payout>list("projectId = ?1 order by periodEnd", projectId)
                        .chain(payouts -> Sql.numbers("select (select coalesce(sum(amount_fen), 0) from donation "
                                        + "where project_id = ?1 and payout_id is null) - (select coalesce(sum(amount_fen), 0) "
                                        + "from donation_reversal where project_id = ?1 and payout_id is null), 0",
                                projectId)
                                .map(open -> new Statement(projectId, payouts,
                                        payouts.stream().mapToLong(p -> p.netFen).sum(), open[0],
                                        project.donatedFen - project.reversedFen))));
    }
}
