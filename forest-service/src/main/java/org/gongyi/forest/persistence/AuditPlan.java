package org.gongyi.forest.persistence;

import org.gongyi.events.replay.ReplayPlan;
import org.gongyi.events.replay.ReplayPlan.Feed;
import org.gongyi.events.replay.ReplayPlan.Projection;

import java.util.List;

/**
 * What an auditor's replay of forest-service works on: lowcarbon.actions again through the consumer's own effects
 * (without their events: one is published per ball an action makes, and those balls are compared with the published
 * events), under copies of the versioned energy rule table; then every judged action, the energy balls actions made,
 * the cap counters, the energy credited and its history compared with the live ones. Collecting, watering and planting
 * are commands: balls' collection and account balances are left out. A user's cap counters name the same last event in
 * any replay (a user's actions share a partition); household counters and totals slots span partitions, and are
 * compared on naming one.
 */
public final class AuditPlan {

    /** Read as they are by the judge. */
    private static final List<String> COPIED = List.of("energy_rule_version", "energy_rule");

    /** The totals' slots, counted again. */
    private static final List<String> RESET = List.of("""
            insert into forest_totals (slot) select generate_series(0, 15)""");

    private static final List<Projection> COMPARED = List.of(
            new Projection("actions", """
                    select action_type, source_ref, user_id, quantity, amount_fen, household_account, occurred_at,
                           rule_version, status, grams, reason, cast(source_event_id as text) as source_event
                    from energy_action""", 2),
            new Projection("energy balls from actions", """
                    select a.action_type, a.source_ref, b.user_id, b.grams, b.ripens_at, b.expires_at,
                           cast(b.source_event_id as text) as source_event
                    from energy_ball b join energy_action a on a.id = b.action_id
                    where b.kind = 'ACTION'""", 2),
            new Projection("cap counters", """
                    select user_id, action_type, period, cast(period_start as text) as period_start, action_count, grams,
                           cast(last_event_id as text) as last_event
                    from energy_usage""", 4),
            new Projection("household caps", """
                    select action_type, household_account, cast(month as text) as month, action_count,
                           last_event_id is not null as traced
                    from household_usage""", 3),
            new Projection("energy credited", """
                    select slot, energy_credited, last_credit_event_id is not null as traced from forest_totals""", 1),
            // the history, the slots of each minute summed (what came before the table is in one slot)
            new Projection("history by minute", """
                    select cast(minute as text) as minute, cast(sum(credited_grams) as bigint) as credited_grams,
                           cast(sum(credited_actions) as bigint) as credited_actions
                    from forest_minute group by minute""", 1),
            new Projection("accounts opened by actions", """
                    select user_id from energy_account
                    where user_id in (select user_id from energy_action where status = 'CREDITED')""", 1),
            Projection.fromEvents("energy credited from published events", """
                    select user_id, cast(sum(grams) as bigint) as grams, count(*) as balls
                    from energy_ball where action_id is not null group by user_id""", """
                    select key as user_id, cast(sum(cast(payload ->> 'grams' as bigint)) as bigint) as grams,
                           count(*) as balls
                    from event_ledger where ce_type = 'forest.energy-credited' group by 1""", 1),
            Projection.fromEvents("trees from published events", """
                    select t.certificate_no, o.user_id, t.species_code, cast(t.project_id as text) as project,
                           o.energy_grams
                    from tree t join tree_owner o on o.tree_id = t.id""", """
                    select payload ->> 'certificateNo' as certificate_no, key as user_id,
                           payload ->> 'speciesCode' as species_code, payload ->> 'projectId' as project,
                           cast(payload ->> 'energyGrams' as bigint) as energy_grams
                    from event_ledger where ce_type = 'forest.tree-planted'""", 2),
            // one forest.energy-credited per ball an action made, keyed by its user
            Projection.emittedAgainstPublished("events emitted vs published", """
                    select user_id as key, count(*) as events, cast(sum(grams) as bigint) as grams
                    from energy_ball
                    where action_id is not null
                    group by 1""", """
                    select key, count(*) as events, sum(cast(payload ->> 'grams' as bigint)) as grams
                    from event_ledger
                    where ce_type = 'forest.energy-credited'
                    group by 1""", 1));

    /**
     * A user's history and open balls, and the balls ripening today (the ripe notices), are read by these; the effects
     * find an action by its natural key.
     */
    private static final String[] READ_INDEXES = {"energy_action_user", "energy_ball_open", "energy_ball_ripening"};

    private AuditPlan() {}

    /** The plan for the consumer's feed. */
    public static ReplayPlan of(Feed feed) {
        return new ReplayPlan(List.of(feed), COPIED, RESET, COMPARED).withoutIndexes(READ_INDEXES);
    }
}
