package org.gongyi.donation.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.donation.persistence.Payout;
import org.gongyi.donation.persistence.Payouts;
import org.gongyi.donation.persistence.Projects;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Settlement: closes the period up to {@code periodEnd} for every project with unsettled entries (donations by
 * the time they were recorded, reversals by the time they were made) into one payout each. Running it again for
 * the same period changes nothing; a late reversal lands in the next period, so a payout may be negative. A payout
 * buys its project's programme's benefits in the same transaction ({@link ProgrammeService#buyWith}).
 */
@ApplicationScoped
public class SettlementService {

    private final Db db;
    private final Payouts payouts;
    private final Projects projects;
    private final ProgrammeService programmes;
    private final Clock clock;

    public SettlementService(Db db, Payouts payouts, Projects projects, ProgrammeService programmes, Clock clock) {
        this.db = db;
        this.programmes = programmes;
        this.payouts = payouts;
        this.projects = projects;
        this.clock = clock;
    }

    private static final Logger LOG = Logger.getLogger(SettlementService.class);

    public record Statement(
            UUID projectId, List<Payout> payouts, long settledNetFen, long openBalanceFen, long netFen) {}

    /** Every day at 00:05 China Standard Time, the day before is closed. */
    @Scheduled(
            cron = "{gongyi.settlement.cron:0 5 0 * * ?}",
            timeZone = ChinaTime.NAME,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> daily() {
        Instant end = LocalDate.ofInstant(clock.instant(), ChinaTime.ZONE)
                .atStartOfDay(ChinaTime.ZONE)
                .toInstant();
        return settle(end)
                .invoke(p -> LOG.infof("Settlement up to %s: %d payout(s)", end, p.size()))
                .replaceWithVoid();
    }

    public Uni<List<Payout>> settle(Instant requestedEnd) {
        Instant periodEnd = requestedEnd.truncatedTo(ChronoUnit.MICROS); // PostgreSQL's precision
        return db.transaction(() -> payouts.lockSettlement()
                .chain(() -> payouts.unsettledProjects(periodEnd))
                .chain(ids -> Multi.createFrom()
                        .iterable(ids)
                        .onItem()
                        .transformToUniAndConcatenate(p -> settleProject(p, periodEnd))
                        .filter(p -> p != null)
                        .collect()
                        .asList()));
    }

    private Uni<Payout> settleProject(UUID projectId, Instant periodEnd) {
        return payouts.last(projectId).chain(last -> {
            if (last != null && !last.periodEnd().isBefore(periodEnd)) {
                return Uni.createFrom().nullItem(); // this period (or a later one) is already closed
            }
            return payouts.unsettledDonated(projectId, periodEnd)
                    .chain(d -> payouts.unsettledReversed(projectId, periodEnd)
                            .map(r -> new Payout(
                                    UUID.randomUUID(),
                                    projectId,
                                    last == null ? null : last.periodEnd(),
                                    periodEnd,
                                    d.amountFen(),
                                    r.amountFen(),
                                    d.amountFen() - r.amountFen(),
                                    d.count(),
                                    r.count(),
                                    clock.instant())))
                    .chain(payouts::insert)
                    .call(p -> payouts.settle(p.id(), projectId, periodEnd))
                    .call(programmes::buyWith);
        });
    }

    public Uni<Statement> statement(UUID projectId) {
        return projects.find(projectId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No project " + projectId))
                .chain(project -> payouts.ofProject(projectId)
                        .chain(list -> payouts.openBalance(projectId)
                                .map(open -> new Statement(
                                        projectId,
                                        list,
                                        list.stream().mapToLong(Payout::netFen).sum(),
                                        open,
                                        project.donatedFen() - project.reversedFen()))));
    }
}
