package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.persistence.Sql;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.gongyi.common.persistence.Sql.bigint;
import static org.gongyi.common.persistence.Sql.int4;
import static org.gongyi.common.persistence.Sql.name;
import static org.gongyi.common.persistence.Sql.text;
import static org.gongyi.common.persistence.Sql.timestamptz;
import static org.gongyi.common.persistence.Sql.uuid;

/** Every reported action, credited or not: written set-based, one row per action type and source reference. */
@ApplicationScoped
public class EnergyActions {

    private static final String PAGE_OF_USER = """
            select %s from energy_action where user_id = $1
            order by occurred_at desc, id limit $2 offset $3
            """.formatted(EnergyAction.COLUMNS);
    /** The given (type, source reference) pairs already recorded, as type, a line feed, source reference. */
    private static final String RECORDED = """
            select action_type, source_ref from energy_action
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

    private static final Sql.Columns<Ref> REFS = Sql.Columns.of(text(Ref::actionType), text(Ref::sourceRef));
    /** An action's columns, as {@code INSERT_ALL} takes them. */
    private static final Sql.Columns<EnergyAction> ACTIONS = Sql.Columns.of(
            uuid(EnergyAction::id),
            text(EnergyAction::userId),
            text(EnergyAction::actionType),
            text(EnergyAction::sourceRef),
            bigint(EnergyAction::quantity),
            bigint(EnergyAction::amountFen),
            text(EnergyAction::householdAccount),
            timestamptz(EnergyAction::occurredAt),
            int4(EnergyAction::ruleVersion),
            name(EnergyAction::status),
            bigint(EnergyAction::grams),
            text(EnergyAction::reason),
            uuid(EnergyAction::ballId),
            timestamptz(EnergyAction::recordedAt),
            uuid(EnergyAction::sourceEventId));

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

    /** Of {@code refs}, those recorded before. */
    public Uni<Set<Ref>> recorded(Collection<Ref> refs) {
        return db.list(
                        RECORDED,
                        row -> new Ref(row.getString("action_type"), row.getString("source_ref")),
                        REFS.params(refs))
                .map(HashSet::new);
    }

    /** Writes the actions with one statement, in order. */
    public Uni<Integer> insertAll(List<EnergyAction> actions) {
        return db.update(INSERT_ALL, ACTIONS.params(actions));
    }
}
