package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.persistence.Sql;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every reported action, credited or not: written set-based, one row per action type and source reference. */
@ApplicationScoped
public class EnergyActions {

    private static final String PAGE_OF_USER = """
            select %s from energy_action where user_id = $1
            order by occurred_at desc, id limit $2 offset $3
            """.formatted(EnergyAction.COLUMNS);
    /** The given (type, source reference) pairs already recorded, as type, a line feed, source reference. */
    private static final String RECORDED = """
            select action_type || chr(10) || source_ref as action_key from energy_action
            where (action_type, source_ref) in (select c0, c1 from unnest(cast($1 as text[]), cast($2 as text[])) as u(c0, c1))
            """;
    /** One array per column, in order. */
    private static final String INSERT_ALL = """
            insert into energy_action (id, user_id, action_type, source_ref, quantity, amount_fen, household_account,
                                       occurred_at, rule_version, status, grams, reason, ball_id, recorded_at,
                                       source_event_id)
            select id, user_id, action_type, source_ref, quantity, amount_fen, household_account, occurred_at,
                   rule_version, status, grams, reason, ball_id, recorded_at, source_event_id
            from unnest(cast($1 as uuid[]), cast($2 as text[]), cast($3 as text[]), cast($4 as text[]),
                        cast($5 as bigint[]), cast($6 as bigint[]), cast($7 as text[]), cast($8 as timestamptz[]),
                        cast($9 as int[]), cast($10 as text[]), cast($11 as bigint[]), cast($12 as text[]),
                        cast($13 as uuid[]), cast($14 as timestamptz[]), cast($15 as uuid[]))
                 with ordinality as u(id, user_id, action_type, source_ref, quantity, amount_fen, household_account,
                                      occurred_at, rule_version, status, grams, reason, ball_id, recorded_at,
                                      source_event_id, n)
            order by n
            """;

    private final Db db;

    public EnergyActions(Db db) {
        this.db = db;
    }

    /** The user's actions, newest first. */
    public Uni<List<EnergyAction>> page(String user, int page, int size) {
        return db.list(PAGE_OF_USER, EnergyAction::from, user, size, page * size);
    }

    /** An action's key: one row per action type and source reference. */
    public record Ref(String actionType, String sourceRef) {}

    /** Of {@code refs}, those recorded before, each as its type, a line feed and its source reference. */
    public Uni<Set<String>> recorded(Collection<Ref> refs) {
        Sql.Rows keys = Sql.Rows.of("text", "text");
        refs.forEach(k -> keys.add(k.actionType(), k.sourceRef()));
        return db.list(RECORDED, row -> row.getString("action_key"), keys.params())
                .map(HashSet::new);
    }

    /** Writes the actions with one statement, in order. */
    public Uni<Integer> insertAll(List<EnergyAction> actions) {
        Sql.Rows rows = Sql.Rows.of(
                "uuid",
                "text",
                "text",
                "text",
                "bigint",
                "bigint",
                "text",
                "timestamptz",
                "int",
                "text",
                "bigint",
                "text",
                "uuid",
                "timestamptz",
                "uuid");
        for (EnergyAction a : actions) {
            rows.add(
                    a.id(),
                    a.userId(),
                    a.actionType(),
                    a.sourceRef(),
                    a.quantity(),
                    a.amountFen(),
                    a.householdAccount(),
                    a.occurredAt(),
                    a.ruleVersion(),
                    a.status(),
                    a.grams(),
                    a.reason(),
                    a.ballId(),
                    a.recordedAt(),
                    a.sourceEventId());
        }
        return db.update(INSERT_ALL, rows.params());
    }
}
