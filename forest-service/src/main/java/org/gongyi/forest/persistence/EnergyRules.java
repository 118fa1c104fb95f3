package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Sql;
import org.gongyi.forest.domain.ActionType;
import org.gongyi.forest.domain.CapPeriod;
import org.gongyi.forest.domain.EnergyRule;
import org.gongyi.forest.domain.EnergyRuleTable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.gongyi.common.persistence.Sql.instant;
import static org.gongyi.common.persistence.Sql.utc;

/** The versions of the energy rule table. A version never changes once written, so each is read once. */
@ApplicationScoped
public class EnergyRules {

    /** A version of the table and when it took effect. */
    public record Version(int version, Instant effectiveFrom, EnergyRuleTable table) {
    }

    private final Map<Integer, EnergyRuleTable> tables = new ConcurrentHashMap<>();

    /** The version in force at {@code at}: the latest to take effect at or before it. */
    public Uni<Version> inForce(Instant at) {
        return Sql.rows("select version, effective_from from energy_rule_version where effective_from <= ?1 "
                        + "order by effective_from desc, version desc limit 1",
                r -> new Object[]{((Number) r[0]).intValue(), instant(r[1])}, utc(at))
                .chain(rows -> {
                    int version = (Integer) rows.get(0)[0];
                    Instant from = (Instant) rows.get(0)[1];
                    EnergyRuleTable cached = tables.get(version);
                    if (cached != null) {
                        return Uni.createFrom().item(new Version(version, from, cached));
                    }
                    return load(version).map(t -> {
                        tables.put(version, t);
                        return new Version(version, from, t);
                    });
                });
    }

    /** The versions in force at each of {@code ats} (one query for the versions, tables from the cache). */
    public Uni<Map<Instant, Version>> inForceAll(java.util.Collection<Instant> ats) {
        return Sql.rows("select version, effective_from from energy_rule_version order by effective_from desc, version desc",
                        r -> new Object[]{((Number) r[0]).intValue(), instant(r[1])})
                .chain(rows -> {
                    Map<Instant, Object[]> chosen = new java.util.HashMap<>();
                    for (Instant at : ats) {
                        rows.stream().filter(r -> !((Instant) r[1]).isAfter(at)).findFirst()
                                .ifPresent(r -> chosen.put(at, r));
                    }
                    Uni<Void> loaded = Uni.createFrom().voidItem();
                    for (int version : chosen.values().stream().map(r -> (Integer) r[0]).distinct().toList()) {
                        loaded = loaded.chain(() -> tables.containsKey(version) ? Uni.createFrom().voidItem()
                                : load(version).invoke(t -> tables.put(version, t)).replaceWithVoid());
                    }
                    return loaded.map(x -> {
                        Map<Instant, Version> out = new java.util.HashMap<>();
                        chosen.forEach((at, r) -> out.put(at, new Version((Integer) r[0], (Instant) r[1],
                                tables.get((Integer) r[0]))));
                        return out;
                    });
                });
    }

    /** Every version, newest first, without their rules. */
    public Uni<List<Object[]>> versions() {
        return Sql.rows("select version, effective_from, created_by from energy_rule_version order by version desc",
                r -> new Object[]{((Number) r[0]).intValue(), instant(r[1]), r[2]});
    }

    /** Writes a new version taking effect at {@code from}; returns its number. */
    public Uni<Integer> publish(EnergyRuleTable table, Instant from, String by, Instant now) {
        return Sql.strings("select cast(pg_advisory_xact_lock(hashtext('forest.energy_rule_version')) as text)")
                .chain(() -> Sql.rows("insert into energy_rule_version (version, effective_from, created_at, created_by) "
                                + "select coalesce(max(version), 0) + 1, ?1, ?2, ?3 from energy_rule_version returning version",
                        r -> ((Number) r[0]).intValue(), utc(from), utc(now), by))
                .chain(v -> {
                    int version = v.get(0);
                    Sql.Rows rows = Sql.Rows.of("int", "text", "bigint", "bigint", "text", "int", "bigint", "bigint",
                            "int");
                    for (EnergyRule r : table.rules()) {
                        rows.add(version, r.actionType(), r.grams(), r.stepsPerUnit(), r.capPeriod(), r.capCount(),
                                r.capGrams(), r.minAmountFen(), r.householdMonthlyCap());
                    }
                    return Sql.exec("insert into energy_rule (version, action_type, grams, steps_per_unit, cap_period, "
                            + "cap_count, cap_grams, min_amount_fen, household_monthly_cap) " + rows.select(),
                            rows.params()).replaceWith(version);
                });
    }

    private Uni<EnergyRuleTable> load(int version) {
        return Sql.rows("select action_type, grams, steps_per_unit, cap_period, cap_count, cap_grams, min_amount_fen, "
                        + "household_monthly_cap from energy_rule where version = ?1",
                r -> new EnergyRule(ActionType.valueOf((String) r[0]), ((Number) r[1]).longValue(), asLong(r[2]),
                        r[3] == null ? null : CapPeriod.valueOf((String) r[3]), asInt(r[4]), asLong(r[5]),
                        asLong(r[6]), asInt(r[7])), version)
                .map(EnergyRuleTable::new);
    }

    static Long asLong(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    static Integer asInt(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

}
