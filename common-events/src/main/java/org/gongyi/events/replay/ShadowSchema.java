package org.gongyi.events.replay;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.gongyi.events.CloudEventHeaders;
import org.gongyi.events.replay.ReplayReport.Difference;
import org.gongyi.events.replay.ReplayReport.ProjectionResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The shadow schema a replay rebuilds a service's projections in ({@code <schema>_audit}, owned by the service's
 * role), with the ledger of the events the service published, and the comparison of a projection between it and
 * the live schema, both done by PostgreSQL.
 */
final class ShadowSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> ROW = new TypeReference<>() {
    };

    final String live;
    final String shadow;
    private final Pool pool;

    private ShadowSchema(Pool pool, String live, String shadow) {
        this.pool = pool;
        this.live = ident(live);
        this.shadow = ident(shadow);
    }

    /** The shadow of the connection's current schema. */
    static Uni<ShadowSchema> of(Pool pool) {
        return pool.query("select current_schema()").execute()
                .map(rows -> rows.iterator().next().getString(0))
                .map(live -> new ShadowSchema(pool, live, live + "_audit"));
    }

    /**
     * Empties the shadow schema and gives it every table (columns, defaults, constraints, indexes, identities) and
     * sequence of the live one; copies the plan's command tables, then runs its reset statements there.
     */
    Uni<Void> prepare(ReplayPlan plan) {
        return pool.withTransaction(c -> c.preparedQuery("select 1 from pg_namespace where nspname = $1")
                .execute(Tuple.of(shadow))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw new IllegalStateException("Schema " + shadow + " is missing: create it, owned by the "
                                + "service's role (README, Audit)");
                    }
                })
                .chain(() -> names(c, "select tablename from pg_tables where schemaname = $1", shadow))
                .chain(tables -> run(c, tables.stream().map(t -> "drop table if exists " + shadow + "." + quote(t)
                        + " cascade").toList()))
                .chain(() -> names(c, "select sequence_name from information_schema.sequences where sequence_schema = $1",
                        shadow))
                .chain(seqs -> run(c, seqs.stream().map(s -> "drop sequence if exists " + shadow + "." + quote(s)).toList()))
                .chain(() -> names(c, "select tablename from pg_tables where schemaname = $1 "
                        + "and tablename <> 'flyway_schema_history' order by tablename", live))
                .chain(tables -> run(c, tables.stream().map(t -> "create table " + shadow + "." + quote(t) + " (like "
                        + live + "." + quote(t) + " including all)").toList()))
                // sequences the code calls by name (identity sequences came with their tables)
                .chain(() -> names(c, "select s.relname from pg_class s join pg_namespace n on n.oid = s.relnamespace "
                        + "where n.nspname = $1 and s.relkind = 'S' and not exists (select 1 from pg_depend d "
                        + "where d.objid = s.oid and d.deptype in ('a', 'i'))", live))
                .chain(seqs -> run(c, seqs.stream().map(s -> "create sequence " + shadow + "." + quote(s)).toList()))
                .chain(() -> run(c, plan.copiedTables().stream().map(t -> "insert into " + shadow + "." + quote(t)
                        + " select * from " + live + "." + quote(t)).toList()))
                .chain(() -> run(c, List.of("create table " + shadow + ".event_ledger (ce_id uuid primary key, "
                        + "ce_type text not null, topic text not null, key text, caused_by uuid, payload jsonb)")))
                .chain(() -> searchPath(c, shadow))
                .chain(() -> run(c, plan.resetStatements())));
    }

    /**
     * Runs the projection's query in both schemas into temporary tables and joins them on the key: counts of rows
     * equal, different and on one side only, and the first {@code limit} differences (ordered by key).
     */
    Uni<ProjectionResult> compare(ReplayPlan.Projection p, int limit) {
        String replaySide = p.against() == ReplayPlan.Against.PUBLISHED_EVENTS ? p.eventsQuery() : p.query();
        boolean liveFromShadow = p.against() == ReplayPlan.Against.REPLAY_EMITTED;
        String liveSide = liveFromShadow ? p.eventsQuery() : p.query();
        return pool.withTransaction(c -> searchPath(c, shadow)
                .chain(() -> run(c, List.of("create temp table gy_replay on commit drop as select true as gy_row, q.* from ("
                        + replaySide + ") q")))
                .chain(() -> searchPath(c, liveFromShadow ? shadow : live))
                .chain(() -> run(c, List.of("create temp table gy_live on commit drop as select true as gy_row, q.* from ("
                        + liveSide + ") q")))
                .chain(() -> c.query("select * from gy_live limit 0").execute())
                .chain(empty -> {
                    List<String> columns = empty.columnsNames();
                    List<String> keys = columns.subList(1, 1 + p.keyColumns());
                    String on = keys.stream().map(k -> "l." + quote(k) + " = r." + quote(k)).collect(Collectors.joining(" and "));
                    String order = keys.stream().map(k -> "coalesce(l." + quote(k) + ", r." + quote(k) + ")")
                            .collect(Collectors.joining(", "));
                    String join = " from gy_live l full join gy_replay r on " + on;
                    String differs = "l.gy_row is null or r.gy_row is null or cast(l as text) <> cast(r as text)";
                    return c.query("select (select count(*) from gy_live), (select count(*) from gy_replay), count(*), "
                                    + "count(*) filter (where l.gy_row and r.gy_row and cast(l as text) = cast(r as text)), "
                                    + "count(*) filter (where l.gy_row and r.gy_row and cast(l as text) <> cast(r as text)), "
                                    + "count(*) filter (where r.gy_row is null), count(*) filter (where l.gy_row is null)"
                                    + join).execute()
                            .chain(counts -> c.query("select cast(row_to_json(l) as text), cast(row_to_json(r) as text)"
                                            + join + " where " + differs + " order by " + order + " limit " + limit).execute()
                                    .map(first -> {
                                        Row n = counts.iterator().next();
                                        List<Difference> differences = new ArrayList<>();
                                        first.forEach(r -> differences.add(difference(r.getString(0), r.getString(1),
                                                keys)));
                                        return new ProjectionResult(p.name(), n.getLong(0), n.getLong(1), n.getLong(2),
                                                n.getLong(3), n.getLong(4), n.getLong(5), n.getLong(6), differences);
                                    }));
                }));
    }

    private static Difference difference(String liveJson, String replayJson, List<String> keys) {
        Map<String, Object> l = parse(liveJson);
        Map<String, Object> r = parse(replayJson);
        Map<String, Object> side = l != null ? l : r;
        Map<String, Object> key = new LinkedHashMap<>();
        keys.forEach(k -> key.put(k, side.get(k)));
        if (l == null || r == null) {
            Map<String, Object> values = new LinkedHashMap<>(side);
            keys.forEach(values::remove);
            return new Difference(l == null ? "only in replay" : "only in live", key, l == null ? null : values,
                    r == null ? null : values);
        }
        Map<String, Object> liveValues = new LinkedHashMap<>();
        Map<String, Object> replayValues = new LinkedHashMap<>();
        l.forEach((column, value) -> {
            if (!keys.contains(column) && !java.util.Objects.equals(value, r.get(column))) {
                liveValues.put(column, value);
                replayValues.put(column, r.get(column));
            }
        });
        return new Difference("different", key, liveValues, replayValues);
    }

    private static Map<String, Object> parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            Map<String, Object> m = JSON.readValue(json, ROW);
            // a row missing from one side comes back with every column null
            if (m.get("gy_row") == null) {
                return null;
            }
            m.remove("gy_row");
            return m;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Empties every table of the shadow schema once a replay has ended: what it copied (elders, guardians, devices,
     * positions) and rebuilt is not kept beyond the report. The tables stay, empty, for the next replay to replace.
     */
    Uni<Void> clear() {
        return pool.withTransaction(c -> names(c, "select tablename from pg_tables where schemaname = $1", shadow)
                .chain(tables -> tables.isEmpty() ? Uni.createFrom().voidItem()
                        : run(c, List.of("truncate table " + tables.stream().map(t -> shadow + "." + quote(t))
                        .collect(Collectors.joining(", "))))));
    }

    /** Adds published events to the shadow's {@code event_ledger}, each {@code ce_id} once. */
    Uni<Void> ledger(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[][] columns = new String[6][records.size()];
        for (int i = 0; i < records.size(); i++) {
            var r = records.get(i);
            columns[0][i] = header(r, CloudEventHeaders.ID);
            columns[1][i] = header(r, CloudEventHeaders.TYPE);
            columns[2][i] = r.topic();
            columns[3][i] = r.key();
            columns[4][i] = header(r, CloudEventHeaders.CAUSATION_ID);
            columns[5][i] = r.value();
        }
        return pool.preparedQuery("insert into " + shadow + ".event_ledger (ce_id, ce_type, topic, key, caused_by, payload) "
                        + "select cast(i as uuid), t, tp, k, cast(c as uuid), cast(v as jsonb) from unnest($1::text[], "
                        + "$2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as u(i, t, tp, k, c, v) "
                        + "where i is not null and t is not null on conflict (ce_id) do nothing")
                .execute(Tuple.of(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5]))
                .replaceWithVoid();
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r, String name) {
        return CloudEventHeaders.text(r.headers(), name);
    }

    /** Makes {@code schema} (then public, for extensions) the search path until the transaction ends. */
    static Uni<Void> searchPath(SqlConnection c, String schema) {
        return c.preparedQuery("select set_config('search_path', $1, true)").execute(Tuple.of(schema + ", public"))
                .replaceWithVoid();
    }

    private static Uni<List<String>> names(SqlConnection c, String sql, String schema) {
        return c.preparedQuery(sql).execute(Tuple.of(schema))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString(0)));
                    return out;
                });
    }

    private static Uni<Void> run(SqlConnection c, List<String> statements) {
        return Multi.createFrom().iterable(statements)
                .onItem().transformToUniAndConcatenate(sql -> c.query(sql).execute())
                .collect().last().replaceWithVoid();
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String ident(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain schema name: " + name);
        }
        return name;
    }
}
