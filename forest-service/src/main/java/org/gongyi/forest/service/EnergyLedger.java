package org.gongyi.forest.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Sql;
import org.gongyi.events.Causation;
import org.gongyi.events.Tally;
import org.gongyi.events.contract.EnergyCredited;
import org.gongyi.events.contract.LowCarbonActionRecorded;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.forest.domain.ActionType;
import org.gongyi.forest.domain.CapPeriod;
import org.gongyi.forest.domain.EnergyDecision;
import org.gongyi.forest.domain.EnergyRule;
import org.gongyi.forest.domain.ForestCalendar;
import org.gongyi.forest.persistence.EnergyAccounts;
import org.gongyi.forest.persistence.EnergyRules;
import org.gongyi.forest.persistence.Totals;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final Outbox outbox;
    private final Clock clock;
    private final io.micrometer.core.instrument.MeterRegistry registry;

    public EnergyLedger(EnergyRules rules, Outbox outbox, Clock clock,
                        io.micrometer.core.instrument.MeterRegistry registry) {
        this.rules = rules;
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
    }

    /** One action (the event being applied): the same path as a run of one. */
    public Uni<Void> record(LowCarbonActionRecorded a) {
        return recordAll(List.of(a), java.util.Collections.singletonList(Causation.current()),
                java.util.Collections.singletonList(null));
    }

    /**
     * Many actions at once, set-based: the users' locks are taken with one statement (in one order, so concurrent
     * runs cannot deadlock), actions already recorded and the users' day and month counters are read with one query
     * each, every action is judged in memory in its order (household caps, which span users, by their own row as
     * before), and the actions, balls, counters, accounts, totals and events are written with a few statements.
     * Ends exactly as recording them one by one would. {@code eventIds} and {@code requestIds}: of each action's
     * event, for the rows it makes and the events it causes.
     */
    public Uni<Void> recordAll(List<LowCarbonActionRecorded> actions, List<UUID> eventIds, List<String> requestIds) {
        Instant now = clock.instant();
        String[] locks = actions.stream().map(a -> "forest.user:" + a.userId()).distinct().toArray(String[]::new);
        Set<Instant> times = new HashSet<>();
        actions.forEach(a -> times.add(a.occurredAt()));
        return Sql.strings("select cast(count(pg_advisory_xact_lock(h)) as text) from (select hashtextextended(k, 0) as h "
                        + "from unnest(cast(?1 as text[])) as k order by 1) s", (Object) locks)
                .chain(() -> recorded(actions))
                .chain(seen -> rules.inForceAll(times).chain(versions -> {
                    List<Integer> fresh = new ArrayList<>();
                    for (int i = 0; i < actions.size(); i++) {
                        LowCarbonActionRecorded a = actions.get(i);
                        if (seen.add(a.actionType() + "\n" + a.sourceRef())) {
                            fresh.add(i);
                        }
                    }
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return counters(fresh.stream().map(actions::get).toList()).chain(usage -> judge(actions, eventIds,
                            fresh, versions, usage).chain(judged -> write(judged, eventIds, requestIds, now)));
                }));
    }

    /** An action and how it was judged. */
    private record Judged(int index, LowCarbonActionRecorded action, ActionType type, int version, EnergyDecision decision) {
    }

    /** "type\nsourceRef" of the actions already recorded. */
    private static Uni<Set<String>> recorded(List<LowCarbonActionRecorded> actions) {
        Sql.Rows keys = Sql.Rows.of("text", "text");
        actions.forEach(a -> keys.add(a.actionType(), a.sourceRef()));
        return Sql.strings("select action_type || chr(10) || source_ref from energy_action where (action_type, source_ref) "
                + "in (" + keys.select().replace(" order by n", "") + ")", keys.params()).map(HashSet::new);
    }

    /** The day and month counters of the actions' users and types, by {@link #counterKey}. */
    private static Uni<Map<String, long[]>> counters(List<LowCarbonActionRecorded> actions) {
        Sql.Rows keys = Sql.Rows.of("text", "text", "text", "date");
        Set<String> added = new HashSet<>();
        for (LowCarbonActionRecorded a : actions) {
            for (CapPeriod period : CapPeriod.values()) {
                LocalDate start = ForestCalendar.periodStart(period, a.occurredAt());
                if (added.add(counterKey(a.userId(), a.actionType(), period, start))) {
                    keys.add(a.userId(), a.actionType(), period.name(), start);
                }
            }
        }
        return Sql.rows("select user_id, action_type, period, cast(period_start as text), action_count, grams "
                        + "from energy_usage where (user_id, action_type, period, period_start) in ("
                        + keys.select().replace(" order by n", "") + ")",
                r -> r, keys.params()).map(rows -> {
                    Map<String, long[]> usage = new HashMap<>();
                    rows.forEach(r -> usage.put(counterKey((String) r[0], (String) r[1],
                            CapPeriod.valueOf((String) r[2]), LocalDate.parse((String) r[3])),
                            new long[]{Sql.number(r[4]), Sql.number(r[5])}));
                    return usage;
                });
    }

    private static String counterKey(String user, String type, CapPeriod period, LocalDate start) {
        return user + "\n" + type + "\n" + period + "\n" + start;
    }

    /** Judges the fresh actions in order, counting each credit in {@code usage} before the next is judged. */
    private static Uni<List<Judged>> judge(List<LowCarbonActionRecorded> actions, List<UUID> eventIds,
                                           List<Integer> fresh, Map<Instant, EnergyRules.Version> versions,
                                           Map<String, long[]> usage) {
        return Multi.createFrom().iterable(fresh).onItem().transformToUniAndConcatenate(i -> {
            LowCarbonActionRecorded a = actions.get(i);
            ActionType type = ActionType.valueOf(a.actionType());
            EnergyRules.Version version = versions.get(a.occurredAt());
            EnergyRule rule = version.table().rule(type);
            EnergyRule.Usage used = EnergyRule.Usage.NONE;
            if (rule.capPeriod() != null) {
                long[] u = usage.get(counterKey(a.userId(), a.actionType(), rule.capPeriod(),
                        ForestCalendar.periodStart(rule.capPeriod(), a.occurredAt())));
                used = u == null ? EnergyRule.Usage.NONE : new EnergyRule.Usage(u[0], u[1]);
            }
            return household(a, eventIds.get(i), rule, rule.decide(a.quantity(), a.amountFen(), used)).map(d -> {
                if (d.credited()) {
                    for (CapPeriod period : CapPeriod.values()) {
                        long[] u = usage.computeIfAbsent(counterKey(a.userId(), a.actionType(), period,
                                ForestCalendar.periodStart(period, a.occurredAt())), k -> new long[2]);
                        u[0] += d.count();
                        u[1] += d.grams();
                    }
                }
                return new Judged(i, a, type, version.version(), d);
            });
        }).collect().asList();
    }

    private Uni<Void> write(List<Judged> judged, List<UUID> eventIds, List<String> requestIds, Instant now) {
        Sql.Rows actionRows = Sql.Rows.of("uuid", "text", "text", "text", "bigint", "bigint", "text", "timestamptz", "int",
                "text", "bigint", "text", "uuid", "timestamptz", "uuid");
        Sql.Rows ballRows = Sql.Rows.of("uuid", "text", "text", "text", "uuid", "bigint", "timestamptz", "timestamptz",
                "timestamptz", "uuid");
        Map<String, long[]> counted = new LinkedHashMap<>();
        Map<String, UUID> lastCounted = new HashMap<>();
        Map<String, Long> creditedByUser = new HashMap<>();
        Map<String, UUID> lastCredit = new LinkedHashMap<>(); // in the order of each user's last credit
        List<EnergyCredited> events = new ArrayList<>();
        List<UUID> causes = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        Set<String> creditedUsers = new java.util.TreeSet<>();
        for (Judged j : judged) {
            LowCarbonActionRecorded a = j.action();
            EnergyDecision d = j.decision();
            UUID actionId = UUID.randomUUID();
            UUID ballId = d.credited() ? UUID.randomUUID() : null;
            UUID eventId = eventIds.get(j.index());
            actionRows.add(actionId, a.userId(), j.type().name(), a.sourceRef(), a.quantity(), a.amountFen(),
                    a.householdAccount(), a.occurredAt(), j.version(), d.status(), d.grams(), d.reason(), ballId, now,
                    eventId);
            if (!d.credited()) {
                continue;
            }
            Instant ripensAt = ForestCalendar.ripensAt(a.occurredAt());
            Instant expiresAt = ForestCalendar.expiresAt(ripensAt);
            ballRows.add(ballId, a.userId(), "ACTION", j.type().name(), actionId, d.grams(), ripensAt, expiresAt, now,
                    eventId);
            for (CapPeriod period : CapPeriod.values()) {
                long[] c = counted.computeIfAbsent(counterKey(a.userId(), j.type().name(), period,
                        ForestCalendar.periodStart(period, a.occurredAt())), k -> new long[2]);
                c[0] += d.count();
                c[1] += d.grams();
                lastCounted.put(counterKey(a.userId(), j.type().name(), period,
                        ForestCalendar.periodStart(period, a.occurredAt())), eventId);
            }
            creditedByUser.merge(a.userId(), d.grams(), Long::sum);
            lastCredit.remove(a.userId());
            lastCredit.put(a.userId(), eventId);
            creditedUsers.add(a.userId());
            events.add(new EnergyCredited(a.userId(), ballId.toString(), j.type().name(), d.grams(), a.sourceRef(),
                    ripensAt, expiresAt, now));
            causes.add(eventId);
            requests.add(requestIds.get(j.index()));
        }
        Sql.Rows counterRows = Sql.Rows.of("text", "text", "text", "date", "bigint", "bigint", "uuid");
        counted.forEach((key, c) -> {
            String[] k = key.split("\n");
            counterRows.add(k[0], k[1], k[2], k[3], c[0], c[1], lastCounted.get(key));
        });
        Uni<Void> written = Sql.exec("insert into energy_action (id, user_id, action_type, source_ref, quantity, amount_fen, "
                + "household_account, occurred_at, rule_version, status, grams, reason, ball_id, recorded_at, "
                + "source_event_id) " + actionRows.select(), actionRows.params()).replaceWithVoid();
        if (ballRows.isEmpty()) {
            return written.invoke(() -> count(judged));
        }
        return written
                .chain(() -> Sql.exec("insert into energy_ball (id, user_id, kind, action_type, action_id, grams, ripens_at, "
                        + "expires_at, created_at, source_event_id) " + ballRows.select(), ballRows.params()))
                .chain(() -> Sql.exec("insert into energy_usage (user_id, action_type, period, period_start, action_count, "
                        + "grams, last_event_id) " + counterRows.select() + " on conflict (user_id, action_type, period, "
                        + "period_start) do update set action_count = energy_usage.action_count + excluded.action_count, "
                        + "grams = energy_usage.grams + excluded.grams, last_event_id = excluded.last_event_id",
                        counterRows.params()))
                .chain(() -> EnergyAccounts.openAll(creditedUsers, now))
                .chain(() -> Totals.credited(creditedByUser, lastCredit))
                .chain(() -> outbox.appendAll(events, causes, requests))
                .invoke(() -> count(judged));
    }

    /** Actions judged, by outcome (credited, capped, rejected), and the grams credited: counted once committed. */
    private void count(List<Judged> judged) {
        long grams = 0;
        Map<String, Long> byStatus = new HashMap<>();
        for (Judged j : judged) {
            byStatus.merge(j.decision().status().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
            grams += j.decision().grams();
        }
        long credited = grams;
        Tally.add(() -> {
            byStatus.forEach((status, n) -> registry.counter("gongyi.forest.actions", "status", status).increment(n));
            registry.counter("gongyi.forest.energy.credited.grams").increment(credited);
        });
    }

    /** Counts a credited action against its household account's monthly cap, or turns it into a capped one. */
    private static Uni<EnergyDecision> household(LowCarbonActionRecorded a, UUID eventId, EnergyRule rule,
                                                 EnergyDecision decision) {
        if (!decision.credited() || rule.householdMonthlyCap() == null) {
            return Uni.createFrom().item(decision);
        }
        if (a.householdAccount() == null || a.householdAccount().isBlank()) {
            return Uni.createFrom().item(EnergyDecision.rejected(
                    "a " + rule.actionType() + " needs its household account (the cap is per household)"));
        }
        int cap = rule.householdMonthlyCap();
        return Sql.exec("insert into household_usage (action_type, household_account, month, action_count, last_event_id) "
                                + "values (?1, ?2, ?3, 1, ?5) on conflict (action_type, household_account, month) do update "
                                + "set action_count = household_usage.action_count + 1, last_event_id = excluded.last_event_id "
                                + "where household_usage.action_count < ?4",
                        rule.actionType().name(), a.householdAccount(), ForestCalendar.month(a.occurredAt()), cap, eventId)
                .map(n -> n == 1 ? decision : EnergyDecision.capped("this household account already earned energy "
                        + cap + (cap == 1 ? " time" : " times") + " this month"));
    }
}
