package org.gongyi.donation.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;
import org.gongyi.donation.domain.Programme;

import java.time.Instant;
import java.util.UUID;

/**
 * A charity's programme on one of its projects, and its figures: benefits bought and what they cost, people helped
 * (those with at least one benefit), claims the insurer paid, the enrolled mothers' shops' completed sales and the jobs
 * the charity reports; {@code carriedFen} is what the last payouts left for the next (negative: a shortfall).
 */
public record CharityProgramme(
        UUID id,
        UUID projectId,
        String charityId,
        Programme.Kind kind,
        String name,
        long unitFen,
        long carriedFen,
        long benefitCount,
        long spentFen,
        long helpedCount,
        long claimCount,
        long claimsPaidFen,
        long shopSaleCount,
        long shopSalesFen,
        long jobCount,
        Instant createdAt) {

    static final String COLUMNS = """
            id, project_id, charity_id, kind, name, unit_fen, carried_fen, benefit_count, spent_fen, helped_count,
            claim_count, claims_paid_fen, shop_sale_count, shop_sales_fen, job_count, created_at""";

    static CharityProgramme from(Row row) {
        return new CharityProgramme(
                row.getUUID("id"),
                row.getUUID("project_id"),
                row.getString("charity_id"),
                Programme.Kind.valueOf(row.getString("kind")),
                row.getString("name"),
                row.getLong("unit_fen"),
                row.getLong("carried_fen"),
                row.getLong("benefit_count"),
                row.getLong("spent_fen"),
                row.getLong("helped_count"),
                row.getLong("claim_count"),
                row.getLong("claims_paid_fen"),
                row.getLong("shop_sale_count"),
                row.getLong("shop_sales_fen"),
                row.getLong("job_count"),
                Db.instant(row, "created_at"));
    }

    /** A programme starting, with no figures yet. */
    public static CharityProgramme started(
            UUID id, UUID projectId, String charityId, Programme rule, String name, Instant createdAt) {
        return new CharityProgramme(
                id, projectId, charityId, rule.kind(), name, rule.unitFen(), 0, 0, 0, 0, 0, 0, 0, 0, 0, createdAt);
    }

    /** The programme's rule. */
    public Programme rule() {
        return Programme.of(kind, unitFen);
    }
}
