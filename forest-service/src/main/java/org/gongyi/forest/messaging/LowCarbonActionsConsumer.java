package org.gongyi.forest.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.EventType;
import org.gongyi.events.contract.LowCarbonActionRecorded;
import org.gongyi.events.inbox.Inbox;
import org.gongyi.events.replay.ReplayPlan;
import org.gongyi.events.replay.ReplayPlan.Feed;
import org.gongyi.events.replay.ReplayPlan.Projection;
import org.gongyi.forest.service.EnergyLedger;

import java.util.List;

/** Reported low-carbon actions become energy balls; each event takes effect once. */
@ApplicationScoped
public class LowCarbonActionsConsumer {

    static final String CONSUMER = "forest-service.lowcarbon-actions";

    private final Inbox inbox;
    private final EnergyLedger ledger;

    public LowCarbonActionsConsumer(Inbox inbox, EnergyLedger ledger) {
        this.inbox = inbox;
        this.ledger = ledger;
    }

    /**
     * A poll's records in one transaction (see {@link Inbox#processBatch}). An action's natural key is its type and
     * source reference, so no processed-event record per event.
     */
    @Incoming("lowcarbon-actions")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.processPoll(CONSUMER, Inbox.Guard.NATURAL_KEYS, records, this::apply, actions);
    }

    /** Runs of consecutive actions are judged together and written set-based. */
    private final Inbox.RunEffect actions = Inbox.RunEffect.of(LowCarbonActionsConsumer::isAction, this::record);

    /** For an auditor's replay: runs of actions as live, without their events (see {@link #replayPlan}). */
    private final Inbox.RunEffect replayedActions =
            Inbox.RunEffect.of(LowCarbonActionsConsumer::isAction, this::replay);

    private static boolean isAction(EventEnvelope event) {
        return event.type() == EventType.LOWCARBON_ACTION_RECORDED;
    }

    private Uni<Void> record(List<EventEnvelope> run) {
        return ledger.recordAll(
                run.stream().map(e -> e.dataAs(LowCarbonActionRecorded.class)).toList(),
                run.stream().map(EventEnvelope::id).toList(),
                run.stream().map(EventEnvelope::requestId).toList());
    }

    private Uni<Void> replay(List<EventEnvelope> run) {
        return ledger.replayAll(
                run.stream().map(e -> e.dataAs(LowCarbonActionRecorded.class)).toList(),
                run.stream().map(EventEnvelope::id).toList());
    }

    private Uni<Void> apply(EventEnvelope event) {
        return isAction(event)
                ? ledger.record(event.dataAs(LowCarbonActionRecorded.class))
                : Uni.createFrom().voidItem();
    }

    /**
     * An auditor's replay of forest-service: lowcarbon.actions again through the consumer's own effects (without
     * their events: one is published per ball an action makes, and those balls are compared with the published
     * events), under copies of the versioned energy rule table; then every judged action, the energy balls actions
     * made, the cap counters and the energy credited compared with the live ones. Collecting, watering and planting
     * are commands: balls' collection and account balances are left out. A user's cap counters name the same last event in any replay (a user's actions
     * share a partition); household counters and totals slots span partitions, and are compared on naming one.
     */
    @Produces
    @Singleton
    ReplayPlan replayPlan() {
        return new ReplayPlan(
                        List.of(new Feed(
                                "lowcarbon-actions", CONSUMER, Inbox.Guard.NATURAL_KEYS, this::apply, replayedActions)),
                        List.of("energy_rule_version", "energy_rule"),
                        List.of("insert into forest_totals (slot) select generate_series(0, 15)"),
                        List.of(
                                new Projection(
                                        "actions",
                                        "select action_type, source_ref, user_id, quantity, amount_fen, "
                                                + "household_account, occurred_at, rule_version, status, grams, reason, "
                                                + "cast(source_event_id as text) as source_event from energy_action",
                                        2),
                                new Projection(
                                        "energy balls from actions",
                                        "select a.action_type, a.source_ref, b.user_id, b.grams, "
                                                + "b.ripens_at, b.expires_at, cast(b.source_event_id as text) as source_event "
                                                + "from energy_ball b join energy_action a on a.id = b.action_id where b.kind = 'ACTION'",
                                        2),
                                new Projection(
                                        "cap counters",
                                        "select user_id, action_type, period, cast(period_start as text) as "
                                                + "period_start, action_count, grams, cast(last_event_id as text) as last_event "
                                                + "from energy_usage",
                                        4),
                                new Projection(
                                        "household caps",
                                        "select action_type, household_account, cast(month as text) as month, "
                                                + "action_count, last_event_id is not null as traced from household_usage",
                                        3),
                                new Projection(
                                        "energy credited",
                                        "select slot, energy_credited, "
                                                + "last_credit_event_id is not null as traced from forest_totals",
                                        1),
                                // the history, the slots of each minute summed (what came before the table is in one
                                // slot)
                                new Projection(
                                        "history by minute",
                                        "select cast(minute as text) as minute, "
                                                + "cast(sum(credited_grams) as bigint) as credited_grams, "
                                                + "cast(sum(credited_actions) as bigint) as credited_actions from forest_minute "
                                                + "group by minute",
                                        1),
                                new Projection(
                                        "accounts opened by actions",
                                        "select user_id from energy_account where user_id in "
                                                + "(select user_id from energy_action where status = 'CREDITED')",
                                        1),
                                Projection.fromEvents(
                                        "energy credited from published events",
                                        "select user_id, "
                                                + "cast(sum(grams) as bigint) as grams, count(*) as balls from energy_ball "
                                                + "where action_id is not null group by user_id",
                                        "select key as user_id, cast(sum(cast(payload ->> 'grams' as bigint)) as bigint) as "
                                                + "grams, count(*) as balls from event_ledger "
                                                + "where ce_type = 'forest.energy-credited' group by 1",
                                        1),
                                Projection.fromEvents(
                                        "trees from published events",
                                        "select t.certificate_no, o.user_id, "
                                                + "t.species_code, cast(t.project_id as text) as project, o.energy_grams from tree t "
                                                + "join tree_owner o on o.tree_id = t.id",
                                        "select payload ->> 'certificateNo' as certificate_no, key as user_id, payload ->> "
                                                + "'speciesCode' as species_code, payload ->> 'projectId' as project, cast(payload "
                                                + "->> 'energyGrams' as bigint) as energy_grams from event_ledger "
                                                + "where ce_type = 'forest.tree-planted'",
                                        2),
                                // one forest.energy-credited per ball an action made, keyed by its user
                                Projection.emittedAgainstPublished("events emitted vs published", """
                                select user_id as key, count(*) as events, cast(sum(grams) as bigint) as grams
                                from energy_ball
                                where action_id is not null
                                group by 1""", """
                                select key, count(*) as events, sum(cast(payload ->> 'grams' as bigint)) as grams
                                from event_ledger
                                where ce_type = 'forest.energy-credited'
                                group by 1""", 1)))
                // a user's history and open balls are read by these; the effects find an action by its natural key
                .withoutIndexes("energy_action_user", "energy_ball_open");
    }
}
