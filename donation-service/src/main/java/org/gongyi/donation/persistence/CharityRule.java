package org.gongyi.donation.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** One version of an item's rule, in force from {@code effectiveFrom} until {@code effectiveTo} (open when null). */
public record CharityRule(
        UUID id,
        String itemId,
        String sellerId,
        UUID projectId,
        RuleTerms terms,
        Instant effectiveFrom,
        Instant effectiveTo) {

    static final String COLUMNS = """
            id, item_id, seller_id, project_id, rule_type, basis_points, fixed_fen, effective_from, effective_to""";

    static CharityRule from(Row row) {
        return new CharityRule(
                row.getUUID("id"),
                row.getString("item_id"),
                row.getString("seller_id"),
                row.getUUID("project_id"),
                RuleTerms.from(row),
                Db.instant(row, "effective_from"),
                Db.instant(row, "effective_to"));
    }
}
