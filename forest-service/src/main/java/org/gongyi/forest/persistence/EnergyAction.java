package org.gongyi.forest.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;
import org.gongyi.forest.domain.EnergyDecision;

import java.time.Instant;
import java.util.UUID;

/**
 * A reported low-carbon action and what it earned (or why it earned nothing); {@code sourceEventId}: the low-carbon
 * action event this row came from.
 */
public record EnergyAction(
        UUID id,
        String userId,
        String actionType,
        String sourceRef,
        long quantity,
        Long amountFen,
        String householdAccount,
        Instant occurredAt,
        int ruleVersion,
        EnergyDecision.Status status,
        long grams,
        String reason,
        UUID ballId,
        Instant recordedAt,
        UUID sourceEventId) {

    static final String COLUMNS = """
            id, user_id, action_type, source_ref, quantity, amount_fen, household_account, occurred_at, rule_version,
            status, grams, reason, ball_id, recorded_at, source_event_id""";

    static EnergyAction from(Row row) {
        return new EnergyAction(
                row.getUUID("id"),
                row.getString("user_id"),
                row.getString("action_type"),
                row.getString("source_ref"),
                row.getLong("quantity"),
                row.getLong("amount_fen"),
                row.getString("household_account"),
                Db.instant(row, "occurred_at"),
                row.getInteger("rule_version"),
                EnergyDecision.Status.valueOf(row.getString("status")),
                row.getLong("grams"),
                row.getString("reason"),
                row.getUUID("ball_id"),
                Db.instant(row, "recorded_at"),
                row.getUUID("source_event_id"));
    }
}
