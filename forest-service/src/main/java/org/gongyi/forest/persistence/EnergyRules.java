package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.persistence.Sql;
import org.gongyi.forest.domain.ActionType;
import org.gongyi.forest.domain.CapPeriod;
import org.gongyi.forest.domain.EnergyRule;
import org.gongyi.forest.domain.EnergyRuleTable;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.gongyi.common.persistence.Sql.bigint;
import static org.gongyi.common.persistence.Sql.int4;
import static org.gongyi.common.persistence.Sql.name;

/** The versions of the energy rule table. A version never changes once written, so each is read once. */
@ApplicationScoped
public class EnergyRules {

    /** A version of the table and when it took effect. */
    public record Version(int version, Instant effectiveFrom, EnergyRuleTable table) {}

    /** A version without its rules. */
    private record Header(int version, Instant effectiveFrom) {
        static Header from(Row row) {
            return new Header(row.getInteger("version"), Db.instant(row, "effective_from"));
        }
    }

    private static final String IN_FORCE_AT = """
            select version, effective_from from energy_rule_version where effective_from <= $1
            order by effective_from desc, version desc limit 1
            """;
    private static final String VERSIONS_LATEST_FIRST = """
            select version, effective_from from energy_rule_version order by effective_from desc, version desc
            """;
    /** Publications queue here, so each takes the next number. */
    private static final String LOCK_VERSIONS = """
            select cast(pg_advisory_xact_lock(hashtext('forest.energy_rule_version')) as text) as locked
            """;

    private static final String INSERT_NEXT_VERSION = """
            insert into energy_rule_version (version, effective_from, created_at, created_by)
            select coalesce(max(version), 0) + 1, cast($1 as timestamptz), cast($2 as timestamptz),
                   cast($3 as varchar)
            from energy_rule_version
            returning version
            """;
    /** A version's rules: $1 the version, then one text array per column. */
    private static final String INSERT_RULES = """
            insert into energy_rule (version, action_type, grams, steps_per_unit, cap_period, cap_count, cap_grams,
                                     min_amount_fen, household_monthly_cap)
            select $1, action_type, grams, steps_per_unit, cap_period, cap_count, cap_grams, min_amount_fen,
                   household_monthly_cap
            from unnest(cast($2 as text[]), cast($3 as bigint[]), cast($4 as bigint[]), cast($5 as text[]),
                        cast($6 as int[]), cast($7 as bigint[]), cast($8 as bigint[]), cast($9 as int[]))
                 as u(action_type, grams, steps_per_unit, cap_period, cap_count, cap_grams, min_amount_fen,
                      household_monthly_cap)
            """;

    private static final String RULES_OF_VERSION = """
            select action_type, grams, steps_per_unit, cap_period, cap_count, cap_grams, min_amount_fen,
                   household_monthly_cap
            from energy_rule where version = $1
            """;

    /** A rule's columns, as {@code INSERT_RULES} takes them after its version. */
    private static final Sql.Columns<EnergyRule> RULES = Sql.Columns.of(
            name(EnergyRule::actionType),
            bigint(EnergyRule::grams),
            bigint(EnergyRule::stepsPerUnit),
            name(EnergyRule::capPeriod),
            int4(EnergyRule::capCount),
            bigint(EnergyRule::capGrams),
            bigint(EnergyRule::minAmountFen),
            int4(EnergyRule::householdMonthlyCap));

    private final Db db;
    private final Map<Integer, EnergyRuleTable> tables = new ConcurrentHashMap<>();

    public EnergyRules(Db db) {
        this.db = db;
    }

    /** The version in force at {@code at}: the latest to take effect at or before it. */
    public Uni<Version> inForce(Instant at) {
        return db.first(IN_FORCE_AT, Header::from, at).chain(h -> {
            EnergyRuleTable cached = tables.get(h.version());
            if (cached != null) {
                return Uni.createFrom().item(new Version(h.version(), h.effectiveFrom(), cached));
            }
            return load(h.version()).map(t -> {
                tables.put(h.version(), t);
                return new Version(h.version(), h.effectiveFrom(), t);
            });
        });
    }

    /** The versions in force at each of {@code ats} (one query for the versions, tables from the cache). */
    public Uni<Map<Instant, Version>> inForceAll(Collection<Instant> ats) {
        return db.list(VERSIONS_LATEST_FIRST, Header::from).chain(headers -> {
            Map<Instant, Header> chosen = new HashMap<>();
            for (Instant at : ats) {
                headers.stream()
                        .filter(h -> !h.effectiveFrom().isAfter(at))
                        .findFirst()
                        .ifPresent(h -> chosen.put(at, h));
            }
            Uni<Void> loaded = Uni.createFrom().voidItem();
            for (int version :
                    chosen.values().stream().map(Header::version).distinct().toList()) {
                loaded = loaded.chain(() -> tables.containsKey(version)
                        ? Uni.createFrom().voidItem()
                        : load(version).invoke(t -> tables.put(version, t)).replaceWithVoid());
            }
            return loaded.map(x -> {
                Map<Instant, Version> out = new HashMap<>();
                chosen.forEach(
                        (at, h) -> out.put(at, new Version(h.version(), h.effectiveFrom(), tables.get(h.version()))));
                return out;
            });
        });
    }

    /** Writes a new version taking effect at {@code from}, in one transaction; returns its number. */
    public Uni<Integer> publish(EnergyRuleTable table, Instant from, String by, Instant now) {
        return db.transaction(() -> db.update(LOCK_VERSIONS)
                .chain(() -> db.first(INSERT_NEXT_VERSION, row -> row.getInteger("version"), from, now, by))
                .chain(version -> {
                    return db.update(INSERT_RULES, RULES.params(table.rules(), version))
                            .replaceWith(version);
                }));
    }

    private Uni<EnergyRuleTable> load(int version) {
        return db.list(RULES_OF_VERSION, EnergyRules::rule, version).map(EnergyRuleTable::new);
    }

    private static EnergyRule rule(Row row) {
        String capPeriod = row.getString("cap_period");
        return new EnergyRule(
                ActionType.valueOf(row.getString("action_type")),
                row.getLong("grams"),
                row.getLong("steps_per_unit"),
                capPeriod == null ? null : CapPeriod.valueOf(capPeriod),
                row.getInteger("cap_count"),
                row.getLong("cap_grams"),
                row.getLong("min_amount_fen"),
                row.getInteger("household_monthly_cap"));
    }
}
