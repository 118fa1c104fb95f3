package org.gongyi.forest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.persistence.Ids;
import org.gongyi.events.Received;
import org.gongyi.events.Tally;
import org.gongyi.events.contract.EnergyCredited;
import org.gongyi.events.contract.LowCarbonActionRecorded;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.forest.domain.ActionType;
import org.gongyi.forest.domain.CapPeriod;
import org.gongyi.forest.domain.EnergyDecision;
import org.gongyi.forest.domain.EnergyRule;
import org.gongyi.forest.domain.ForestCalendar;
import org.gongyi.forest.persistence.AdvisoryLocks;
import org.gongyi.forest.persistence.EnergyAccounts;
import org.gongyi.forest.persistence.EnergyAction;
import org.gongyi.forest.persistence.EnergyActions;
import org.gongyi.forest.persistence.EnergyBalls;
import org.gongyi.forest.persistence.EnergyRules;
import org.gongyi.forest.persistence.Totals;
import org.gongyi.forest.persistence.UsageCounters;
import org.gongyi.forest.persistence.UsageCounters.Counter;
import org.gongyi.forest.persistence.UsageCounters.Key;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns reported low-carbon actions into energy balls under the rule version in force when the action happened.
 * Runs in the inbox's transaction. A poll's actions are judged together, each user's in order, under a
 * transaction-scoped lock per user, so caps hold however many of them arrive at once; the household cap spans users
 * and is held by its own row.
 */
@ApplicationScoped
public class EnergyLedger {

    private final EnergyRules rules;
    private final AdvisoryLocks locks;
    private final EnergyActions energyActions;
    private final EnergyBalls balls;
    private final UsageCounters counters;
    private final EnergyAccounts accounts;
    private final Totals totals;
    private final Outbox outbox;
    private final Db db;
    private final Clock clock;
    private final MeterRegistry registry;

    public EnergyLedger(
            EnergyRules rules,
            AdvisoryLocks locks,
            EnergyActions energyActions,
            EnergyBalls balls,
            UsageCounters counters,
            EnergyAccounts accounts,
            Totals totals,
            Outbox outbox,
            Db db,
            Clock clock,
            MeterRegistry registry) {
        this.rules = rules;
        this.locks = locks;
        this.energyActions = energyActions;
        this.balls = balls;
        this.counters = counters;
        this.accounts = accounts;
        this.totals = totals;
        this.outbox = outbox;
        this.db = db;
        this.clock = clock;
        this.registry = registry;
    }

    /** One action (the event being applied): the same path as a run of one. */
    public Uni<Void> record(LowCarbonActionRecorded a) {
        return recordAll(List.of(Received.current(a)));
    }

    /**
     * Many actions at once, set-based: the users' locks are taken with one statement (in one order, so concurrent
     * runs cannot deadlock), actions already recorded and the users' day and month counters are read with one query
     * each, every action is judged in memory in its order (household caps, which span users, by their own row as
     * before), and the actions, balls, counters, accounts, totals and events are written with a few statements.
     * Ends exactly as recording them one by one would. Each action's event id and request id go to the rows it
     * makes and the events it causes.
     */
    public Uni<Void> recordAll(List<Received<LowCarbonActionRecorded>> actions) {
        return recordAll(actions, true);
    }

    /**
     * For an auditor's replay: as {@link #recordAll}, without the events (the replay compares the energy balls it
     * made with the events that were published instead).
     */
    public Uni<Void> replayAll(List<Received<LowCarbonActionRecorded>> actions) {
        return recordAll(actions, false);
    }

    private Uni<Void> recordAll(List<Received<LowCarbonActionRecorded>> received, boolean announce) {
        List<LowCarbonActionRecorded> actions =
                received.stream().map(Received::data).toList();
        Instant now = clock.instant();
        List<String> userLocks = actions.stream()
                .map(a -> "forest.user:" + a.userId())
                .distinct()
                .toList();
        Set<Instant> times = new HashSet<>();
        actions.forEach(a -> times.add(a.occurredAt()));
        // sent together (pipelined), run in this order: the users' locks first, then what the actions are judged by
        return Uni.combine()
                .all()
                .unis(
                        locks.lockAll(userLocks),
                        energyActions.recorded(actions.stream()
                                .map(a -> new EnergyActions.Ref(a.actionType(), a.sourceRef()))
                                .toList()),
                        rules.inForceAll(times),
                        counters(actions))
                .asTuple()
                .chain(read -> {
                    Set<EnergyActions.Ref> seen = read.getItem2();
                    List<Received<LowCarbonActionRecorded>> fresh = new ArrayList<>();
                    for (Received<LowCarbonActionRecorded> r : received) {
                        if (seen.add(new EnergyActions.Ref(
                                r.data().actionType(), r.data().sourceRef()))) {
                            fresh.add(r);
                        }
                    }
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return judge(fresh, read.getItem3(), read.getItem4()).chain(judged -> write(judged, now, announce));
                });
    }

    /** An action and how it was judged. */
    private record Judged(
            Received<LowCarbonActionRecorded> received, ActionType type, int version, EnergyDecision decision) {
        LowCarbonActionRecorded action() {
            return received.data();
        }
    }

    /** The day and month counters of the actions' users and types: what each key counted so far. */
    private Uni<Map<Key, EnergyRule.Usage>> counters(List<LowCarbonActionRecorded> actions) {
        Set<Key> keys = new LinkedHashSet<>();
        for (LowCarbonActionRecorded a : actions) {
            for (CapPeriod period : CapPeriod.values()) {
                keys.add(key(a.userId(), a.actionType(), period, a.occurredAt()));
            }
        }
        return counters.of(keys).map(rows -> {
            Map<Key, EnergyRule.Usage> usage = new HashMap<>();
            rows.forEach(c -> usage.put(
                    new Key(c.userId(), c.actionType(), c.period(), c.periodStart()),
                    new EnergyRule.Usage(c.count(), c.grams())));
            return usage;
        });
    }

    private static Key key(String user, String type, CapPeriod period, Instant at) {
        return new Key(user, type, period, ForestCalendar.periodStart(period, at));
    }

    /**
     * Judges the fresh actions in order, counting each credit in {@code usage} before the next is judged: in memory,
     * except where a household cap needs its row (then the rest follow once it answered).
     */
    private Uni<List<Judged>> judge(
            List<Received<LowCarbonActionRecorded>> fresh,
            Map<Instant, EnergyRules.Version> versions,
            Map<Key, EnergyRule.Usage> usage) {
        return judgeFrom(0, new ArrayList<>(fresh.size()), fresh, versions, usage);
    }

    private Uni<List<Judged>> judgeFrom(
            int from,
            List<Judged> judged,
            List<Received<LowCarbonActionRecorded>> fresh,
            Map<Instant, EnergyRules.Version> versions,
            Map<Key, EnergyRule.Usage> usage) {
        for (int k = from; k < fresh.size(); k++) {
            Received<LowCarbonActionRecorded> received = fresh.get(k);
            LowCarbonActionRecorded a = received.data();
            ActionType type = ActionType.valueOf(a.actionType());
            EnergyRules.Version version = versions.get(a.occurredAt());
            EnergyRule rule = version.table().rule(type);
            EnergyRule.Usage used = rule.capPeriod() == null
                    ? EnergyRule.Usage.NONE
                    : usage.getOrDefault(
                            key(a.userId(), a.actionType(), rule.capPeriod(), a.occurredAt()), EnergyRule.Usage.NONE);
            EnergyDecision decision = rule.decide(a.quantity(), a.amountFen(), used);
            if (decision.credited()
                    && rule.householdMonthlyCap() != null
                    && (a.householdAccount() == null || a.householdAccount().isBlank())) {
                decision = withoutHousehold(rule);
            } else if (decision.credited() && rule.householdMonthlyCap() != null) {
                int next = k + 1;
                return household(a, received.eventId(), rule, decision).chain(d -> {
                    judged.add(counted(received, type, version, d, usage));
                    return judgeFrom(next, judged, fresh, versions, usage);
                });
            }
            judged.add(counted(received, type, version, decision, usage));
        }
        return Uni.createFrom().item(judged);
    }

    /** The action judged, its credit counted in {@code usage}. */
    private static Judged counted(
            Received<LowCarbonActionRecorded> received,
            ActionType type,
            EnergyRules.Version version,
            EnergyDecision d,
            Map<Key, EnergyRule.Usage> usage) {
        LowCarbonActionRecorded a = received.data();
        if (d.credited()) {
            EnergyRule.Usage credit = new EnergyRule.Usage(d.count(), d.grams());
            for (CapPeriod period : CapPeriod.values()) {
                usage.merge(key(a.userId(), a.actionType(), period, a.occurredAt()), credit, EnergyRule.Usage::plus);
            }
        }
        return new Judged(received, type, version.version(), d);
    }

    private Uni<Void> write(List<Judged> judged, Instant now, boolean announce) {
        List<EnergyAction> actionRows = new ArrayList<>();
        List<EnergyBalls.FromAction> ballRows = new ArrayList<>();
        Map<Key, EnergyRule.Usage> counted = new LinkedHashMap<>();
        Map<Key, UUID> lastCounted = new HashMap<>();
        List<Totals.TimedCredit> timedCredits = new ArrayList<>();
        Map<String, UUID> lastCredit = new LinkedHashMap<>(); // in the order of each user's last credit
        List<Outbox.Caused> events = new ArrayList<>();
        Set<String> creditedUsers = new TreeSet<>();
        for (Judged j : judged) {
            LowCarbonActionRecorded a = j.action();
            EnergyDecision d = j.decision();
            UUID actionId = Ids.next();
            UUID ballId = d.credited() ? Ids.next() : null;
            UUID eventId = j.received().eventId();
            actionRows.add(new EnergyAction(
                    actionId,
                    a.userId(),
                    j.type().name(),
                    a.sourceRef(),
                    a.quantity(),
                    a.amountFen(),
                    a.householdAccount(),
                    a.occurredAt(),
                    j.version(),
                    d.status(),
                    d.grams(),
                    d.reason(),
                    ballId,
                    now,
                    eventId));
            if (!d.credited()) {
                continue;
            }
            Instant ripensAt = ForestCalendar.ripensAt(a.occurredAt());
            Instant expiresAt = ForestCalendar.expiresAt(ripensAt);
            ballRows.add(new EnergyBalls.FromAction(
                    ballId, a.userId(), j.type().name(), actionId, d.grams(), ripensAt, expiresAt, now, eventId));
            EnergyRule.Usage credit = new EnergyRule.Usage(d.count(), d.grams());
            for (CapPeriod period : CapPeriod.values()) {
                Key key = key(a.userId(), j.type().name(), period, a.occurredAt());
                counted.merge(key, credit, EnergyRule.Usage::plus);
                lastCounted.put(key, eventId);
            }
            timedCredits.add(new Totals.TimedCredit(a.userId(), a.occurredAt(), d.grams()));
            lastCredit.remove(a.userId());
            lastCredit.put(a.userId(), eventId);
            creditedUsers.add(a.userId());
            events.add(new Outbox.Caused(
                    new EnergyCredited(
                            a.userId(),
                            ballId.toString(),
                            j.type().name(),
                            d.grams(),
                            a.sourceRef(),
                            ripensAt,
                            expiresAt,
                            now),
                    eventId,
                    j.received().requestId()));
        }
        List<Counter> counterRows = new ArrayList<>();
        counted.forEach((k, c) -> counterRows.add(new Counter(
                k.userId(), k.actionType(), k.period(), k.periodStart(), c.count(), c.grams(), lastCounted.get(k))));
        if (ballRows.isEmpty()) {
            return energyActions
                    .insertAll(actionRows)
                    .invoke(() -> count(judged))
                    .replaceWithVoid();
        }
        List<String> opened = new ArrayList<>();
        List<Uni<?>> writes = new ArrayList<>(List.of(
                energyActions.insertAll(actionRows),
                balls.insertFromActions(ballRows),
                counters.addAll(counterRows),
                accounts.openAll(creditedUsers, now).invoke(opened::addAll)));
        if (announce) {
            writes.add(outbox.appendCaused(events));
        }
        return db.pipelined(writes)
                .chain(() -> totals.credited(timedCredits, lastCredit, opened))
                .invoke(() -> count(judged));
    }

    /** Actions judged, by outcome (credited, capped, rejected), and the grams credited: counted once committed. */
    private void count(List<Judged> judged) {
        long grams = 0;
        Map<EnergyDecision.Status, Long> byStatus = new EnumMap<>(EnergyDecision.Status.class);
        for (Judged j : judged) {
            byStatus.merge(j.decision().status(), 1L, Long::sum);
            grams += j.decision().grams();
        }
        long credited = grams;
        Tally.add(() -> {
            byStatus.forEach((status, n) -> registry.counter(
                            "gongyi.forest.actions", "status", status.name().toLowerCase(Locale.ROOT))
                    .increment(n));
            registry.counter("gongyi.forest.energy.credited.grams").increment(credited);
        });
    }

    /** Counts a credited action against its household account's monthly cap, or turns it into a capped one. */
    private Uni<EnergyDecision> household(
            LowCarbonActionRecorded a, UUID eventId, EnergyRule rule, EnergyDecision decision) {
        int cap = rule.householdMonthlyCap();
        return counters.countHousehold(
                        rule.actionType().name(),
                        a.householdAccount(),
                        ForestCalendar.month(a.occurredAt()),
                        cap,
                        eventId)
                .map(counted -> counted
                        ? decision
                        : EnergyDecision.capped("this household account already earned " + "energy " + cap
                                + (cap == 1 ? " time" : " times") + " this month"));
    }

    /** A credit under a household cap needs the household account the cap counts. */
    private static EnergyDecision withoutHousehold(EnergyRule rule) {
        return EnergyDecision.rejected(
                "a " + rule.actionType() + " needs its household account (the cap is per " + "household)");
    }
}
