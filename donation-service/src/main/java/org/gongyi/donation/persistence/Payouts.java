package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Payouts, and the settlement's reads and writes of the unsettled donations and reversals. */
@ApplicationScoped
public class Payouts {

    /** What a period holds: the sum of its amounts and how many there are. */
    public record Sum(long amountFen, long count) {}

    /** One settlement at a time, until the transaction ends. */
    private static final String LOCK_SETTLEMENT = """
            select count(*) from (select pg_advisory_xact_lock(hashtext('gongyi.settlement'))) l""";

    private static final String UNSETTLED_PROJECTS = """
            select cast(project_id as text) as project_id from donation where payout_id is null and recorded_at < $1
            union
            select cast(project_id as text) from donation_reversal where payout_id is null and reversed_at < $1
            """;
    private static final String LAST_OF_PROJECT = """
            select %s from payout where project_id = $1 order by period_end desc limit 1
            """.formatted(Payout.COLUMNS);
    private static final String OF_PROJECT = """
            select %s from payout where project_id = $1 order by period_end
            """.formatted(Payout.COLUMNS);
    private static final String UNSETTLED_DONATED = """
            select coalesce(sum(amount_fen), 0) as amount_fen, count(*) as n from donation
            where project_id = $1 and payout_id is null and recorded_at < $2""";
    private static final String UNSETTLED_REVERSED = """
            select coalesce(sum(amount_fen), 0) as amount_fen, count(*) as n from donation_reversal
            where project_id = $1 and payout_id is null and reversed_at < $2""";
    private static final String INSERT = """
            insert into payout (id, project_id, period_start, period_end, donated_fen, reversed_fen, net_fen,
                                donation_count, reversal_count, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """;
    private static final String SETTLE_DONATIONS = """
            update donation set payout_id = $1 where project_id = $2 and payout_id is null and recorded_at < $3""";
    private static final String SETTLE_REVERSALS = """
            update donation_reversal set payout_id = $1 where project_id = $2 and payout_id is null
            and reversed_at < $3""";
    /** Net donations of the project not paid out yet. */
    private static final String OPEN_BALANCE = """
            select cast((select coalesce(sum(amount_fen), 0) from donation where project_id = $1 and payout_id is null)
                 - (select coalesce(sum(amount_fen), 0) from donation_reversal where project_id = $1
                    and payout_id is null) as bigint) as open_fen""";

    private final Db db;

    public Payouts(Db db) {
        this.db = db;
    }

    /** Waits for any other settlement's transaction to end. */
    public Uni<Void> lockSettlement() {
        return db.update(LOCK_SETTLEMENT).replaceWithVoid();
    }

    /** The projects with donations or reversals made before {@code end} and not settled yet. */
    public Uni<List<UUID>> unsettledProjects(Instant end) {
        return db.list(UNSETTLED_PROJECTS, r -> UUID.fromString(r.getString("project_id")), end);
    }

    /** The project's latest payout, or null. */
    public Uni<Payout> last(UUID projectId) {
        return db.first(LAST_OF_PROJECT, Payout::from, projectId);
    }

    /** The project's payouts, oldest first. */
    public Uni<List<Payout>> ofProject(UUID projectId) {
        return db.list(OF_PROJECT, Payout::from, projectId);
    }

    public Uni<Sum> unsettledDonated(UUID projectId, Instant end) {
        return db.first(UNSETTLED_DONATED, Payouts::sum, projectId, end);
    }

    public Uni<Sum> unsettledReversed(UUID projectId, Instant end) {
        return db.first(UNSETTLED_REVERSED, Payouts::sum, projectId, end);
    }

    public Uni<Payout> insert(Payout p) {
        return db.update(
                        INSERT,
                        p.id(),
                        p.projectId(),
                        p.periodStart(),
                        p.periodEnd(),
                        p.donatedFen(),
                        p.reversedFen(),
                        p.netFen(),
                        p.donationCount(),
                        p.reversalCount(),
                        p.createdAt())
                .replaceWith(p);
    }

    /** Marks the project's donations and reversals made before {@code end} as settled by the payout. */
    public Uni<Void> settle(UUID payoutId, UUID projectId, Instant end) {
        return db.update(SETTLE_DONATIONS, payoutId, projectId, end)
                .chain(() -> db.update(SETTLE_REVERSALS, payoutId, projectId, end))
                .replaceWithVoid();
    }

    /** The project's net donations not paid out yet. */
    public Uni<Long> openBalance(UUID projectId) {
        return db.first(OPEN_BALANCE, r -> r.getLong("open_fen"), projectId);
    }

    private static Sum sum(Row r) {
        return new Sum(r.getLong("amount_fen"), r.getLong("n"));
    }
}
