package org.gongyi.forest.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Sql;
import org.gongyi.events.Causation;
import org.gongyi.events.contract.EnergyCredited;
import org.gongyi.events.contract.LowCarbonActionRecorded;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.forest.domain.ActionType;
import org.gongyi.forest.domain.CapPeriod;
import org.gongyi.forest.domain.EnergyDecision;
import org.gongyi.forest.domain.EnergyRule;
import org.gongyi.forest.domain.ForestCalendar;
import org.gongyi.forest.persistence.EnergyAccounts;
import org.gongyi.forest.persistence.EnergyAction;
import org.gongyi.forest.persistence.EnergyBall;
import org.gongyi.forest.persistence.EnergyRules;
import org.gongyi.forest.persistence.Totals;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.utc;

/**
 * Turns reported low-carbon actions into energy balls under the rule version in force when the action happened.
 * Runs in the inbox's transaction. A user's actions are judged one at a time (a transaction-scoped lock per user),
 * so caps hold however many of them arrive at once; the household cap spans users and is held by its own row.
 */
@ApplicationScoped
public class EnergyLedger {

    private final EnergyRules rules;
    private final Outbox outbox;
    private final Clock clock;

    public EnergyLedger(EnergyRules rules, Outbox outbox, Clock clock) {
        this.rules = rules;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> record(LowCarbonActionRecorded a) {
        ActionType type = ActionType.valueOf(a.actionType());
        Instant now = clock.instant();
        return Sql.strings("select cast(pg_advisory_xact_lock(hashtextextended(?1, 0)) as text)", "forest.user:" + a.userId())
                .chain(() -> EnergyAction.count("actionType = ?1 and sourceRef = ?2", type.name(), a.sourceRef()))
                .chain(seen -> seen > 0 ? Uni.createFrom().voidItem()
                        : rules.inForce(a.occurredAt()).chain(version -> {
                            EnergyRule rule = version.table().rule(type);
                            return usage(a, rule).chain(usage -> {
                                EnergyDecision decision = rule.decide(a.quantity(), a.amountFen(), usage);
                                return household(a, rule, decision)
                                        .chain(d -> apply(a, type, version.version(), d, now));
                            });
                        }));
    }

    private static Uni<EnergyRule.Usage> usage(LowCarbonActionRecorded a, EnergyRule rule) {
        if (rule.capPeriod() == null) {
            return Uni.createFrom().item(EnergyRule.Usage.NONE);
        }
        return Sql.rows("select action_count, grams from energy_usage where user_id = ?1 and action_type = ?2 "
                                + "and period = ?3 and period_start = ?4",
                        r -> new EnergyRule.Usage(Sql.number(r[0]), Sql.number(r[1])), a.userId(),
                        rule.actionType().name(), rule.capPeriod().name(),
                        ForestCalendar.periodStart(rule.capPeriod(), a.occurredAt()))
                .map(l -> l.isEmpty() ? EnergyRule.Usage.NONE : l.get(0));
    }

    /** Counts a credited action against its household account's monthly cap, or turns it into a capped one. */
    private static Uni<EnergyDecision> household(LowCarbonActionRecorded a, EnergyRule rule, EnergyDecision decision) {
        if (!decision.credited() || rule.householdMonthlyCap() == null) {
            return Uni.createFrom().item(decision);
        }
        if (a.householdAccount() == null || a.householdAccount().isBlank()) {
            return Uni.createFrom().item(EnergyDecision.rejected(
                    "a " + rule.actionType() + " needs its household account (the cap is per household)"));
        }
        int cap = rule.householdMonthlyCap();
        return Sql.exec("insert into household_usage (action_type, household_account, month, action_count) "
                                + "values (?1, ?2, ?3, 1) on conflict (action_type, household_account, month) do update "
                                + "set action_count = household_usage.action_count + 1 where household_usage.action_count < ?4",
                        rule.actionType().name(), a.householdAccount(), ForestCalendar.month(a.occurredAt()), cap)
                .map(n -> n == 1 ? decision : EnergyDecision.capped("this household account already earned energy "
                        + cap + (cap == 1 ? " time" : " times") + " this month"));
    }

    private Uni<Void> apply(LowCarbonActionRecorded a, ActionType type, int version, EnergyDecision d, Instant now) {
        EnergyAction action = new EnergyAction();
        action.id = UUID.randomUUID();
        action.userId = a.userId();
        action.actionType = type.name();
        action.sourceRef = a.sourceRef();
        action.quantity = a.quantity();
        action.amountFen = a.amountFen();
        action.householdAccount = a.householdAccount();
        action.occurredAt = a.occurredAt();
        action.ruleVersion = version;
        action.status = d.status();
        action.grams = d.grams();
        action.reason = d.reason();
        action.recordedAt = now;
        action.sourceEventId = Causation.current();
        if (!d.credited()) {
            return action.persist().replaceWithVoid();
        }
        EnergyBall ball = new EnergyBall();
        ball.id = UUID.randomUUID();
        ball.userId = a.userId();
        ball.kind = EnergyBall.Kind.ACTION;
        ball.actionType = type.name();
        ball.actionId = action.id;
        ball.grams = d.grams();
        ball.ripensAt = ForestCalendar.ripensAt(a.occurredAt());
        ball.expiresAt = ForestCalendar.expiresAt(ball.ripensAt);
        ball.createdAt = now;
        action.ballId = ball.id;
        return action.persist()
                .chain(() -> ball.persist())
                .chain(() -> count(a, type, CapPeriod.DAY, d))
                .chain(() -> count(a, type, CapPeriod.MONTH, d))
                .chain(() -> EnergyAccounts.open(a.userId(), now))
                .chain(() -> Totals.add(a.userId(), "energy_credited", d.grams()))
                .chain(() -> outbox.append(new EnergyCredited(a.userId(), ball.id.toString(), type.name(), d.grams(),
                        a.sourceRef(), ball.ripensAt, ball.expiresAt, now)))
                .replaceWithVoid();
    }

    /** Adds a credited action to the user's day and month counters (both, so a later rule may cap by either). */
    private static Uni<Void> count(LowCarbonActionRecorded a, ActionType type, CapPeriod period, EnergyDecision d) {
        LocalDate start = ForestCalendar.periodStart(period, a.occurredAt());
        return Sql.exec("insert into energy_usage (user_id, action_type, period, period_start, action_count, grams) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (user_id, action_type, period, period_start) do update "
                        + "set action_count = energy_usage.action_count + excluded.action_count, "
                        + "grams = energy_usage.grams + excluded.grams",
                a.userId(), type.name(), period.name(), start, (long) d.count(), d.grams()).replaceWithVoid();
    }
}
