package org.gongyi.events.replay;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gongyi.events.CloudEventHeaders;
import org.gongyi.events.replay.ReplayReport.Difference;
import org.gongyi.events.replay.ReplayReport.ProjectionResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The shadow schema a replay rebuilds a service's projections in ({@code <schema>_audit}, owned by the service's
 * role), with the ledger of the events the service published, and the comparison of a projection between it and
 * the live schema, both done by PostgreSQL.
 */
final class ShadowSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> ROW = new TypeReference<>() {};

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
        return pool.query("select current_schema()")
                .execute()
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
                                + "service's role (docs/audit.md)");
                    }
                })
                .chain(() -> names(c, "select tablename from pg_tables where schemaname = $1", shadow))
                .chain(tables -> run(
                        c,
                        tables.stream()
                                .map(t -> "drop table if exists " + shadow + "." + quote(t) + " cascade")
                                .toList()))
                .chain(() -> names(
                        c, "select sequence_name from information_schema.sequences where sequence_schema = $1", shadow))
                .chain(seqs -> run(
                        c,
                        seqs.stream()
                                .map(s -> "drop sequence if exists " + shadow + "." + quote(s))
                                .toList()))
                .chain(() -> names(
                        c,
                        "select tablename from pg_tables where schemaname = $1 "
                                + "and tablename <> 'flyway_schema_history' order by tablename",
                        live))
                // unlogged: what a replay writes is rebuilt by the next one, never recovered
                .chain(tables -> run(
                        c,
                        tables.stream()
                                .map(t -> "create unlogged table " + shadow + "." + quote(t) + " (like " + live + "."
                                        + quote(t) + " including all)")
                                .toList()))
                .chain(() -> dropReadIndexes(c, plan.readIndexes()))
                // sequences the code calls by name (identity sequences came with their tables)
                .chain(() -> names(
                        c,
                        "select s.relname from pg_class s join pg_namespace n on n.oid = s.relnamespace "
                                + "where n.nspname = $1 and s.relkind = 'S' and not exists (select 1 from pg_depend d "
                                + "where d.objid = s.oid and d.deptype in ('a', 'i'))",
                        live))
                .chain(seqs -> run(
                        c,
                        seqs.stream()
                                .map(s -> "create sequence " + shadow + "." + quote(s))
                                .toList()))
                .chain(() -> copyStatements(c, live, shadow, plan.copiedTables()))
                .chain(copies -> run(c, copies))
                .chain(
                        () -> run(
                                c,
                                List.of(
                                        "create unlogged table " + shadow + ".event_ledger (ce_id uuid primary key, "
                                                + "ce_type text not null, topic text not null, key text, caused_by uuid, payload jsonb)")))
                .chain(() -> searchPath(c, shadow))
                .chain(() -> run(c, plan.resetStatements())));
    }

    /**
     * Drops the shadow's copies of the plan's read-side indexes (the copies have names of their own: an index is known
     * by its table and definition).
     */
    private Uni<Void> dropReadIndexes(SqlConnection c, List<String> readIndexes) {
        if (readIndexes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery(COPIES_OF_INDEXES)
                .execute(Tuple.of(live, shadow, readIndexes.toArray(String[]::new)))
                .chain(rows -> {
                    List<String> copies = new ArrayList<>();
                    rows.forEach(r -> copies.add(r.getString("copy")));
                    if (copies.size() != readIndexes.size()) {
                        throw new IllegalStateException("The replay plan's read-side indexes " + readIndexes
                                + " are not all indexes of schema " + live + " (found copies " + copies + ")");
                    }
                    return run(
                            c,
                            copies.stream()
                                    .map(i -> "drop index " + shadow + "." + quote(i))
                                    .toList());
                });
    }

    private static final String COPIES_OF_INDEXES = """
            select copy.indexname as copy
            from pg_indexes original
            join pg_indexes copy on copy.schemaname = $2 and copy.tablename = original.tablename
              and substring(copy.indexdef from ' USING .*$') = substring(original.indexdef from ' USING .*$')
              and (copy.indexdef like 'CREATE UNIQUE %') = (original.indexdef like 'CREATE UNIQUE %')
            where original.schemaname = $1 and original.indexname = any($3)""";

    /**
     * Runs the projection's query in both schemas into temporary tables and joins them on the key once (hashed: no
     * sort), keeping only the rows that differ: counts of rows equal, different and on one side only, and the first
     * {@code limit} differences (ordered by key). The same query's rows are compared as records, column by column with
     * each type's equality (two nulls are equal); rows of two different queries as text.
     */
    Uni<ProjectionResult> compare(ReplayPlan.Projection p, int limit) {
        String replaySide = p.against() == ReplayPlan.Against.PUBLISHED_EVENTS ? p.eventsQuery() : p.query();
        boolean liveFromShadow = p.against() == ReplayPlan.Against.REPLAY_EMITTED;
        String liveSide = liveFromShadow ? p.eventsQuery() : p.query();
        long[] sides = new long[2];
        return pool.withTransaction(c -> searchPath(c, shadow)
                .chain(() -> c.query(COMPARE_MEMORY).execute())
                .chain(() -> c.query("create temp table gy_replay on commit drop as select true as gy_row, q.* from ("
                                + replaySide + ") q")
                        .execute())
                .invoke(rows -> sides[1] = rows.rowCount())
                .chain(() -> searchPath(c, liveFromShadow ? shadow : live))
                .chain(() -> c.query("create temp table gy_live on commit drop as select true as gy_row, q.* from ("
                                + liveSide + ") q")
                        .execute())
                .invoke(rows -> sides[0] = rows.rowCount())
                .chain(() -> c.query("select * from gy_live limit 0").execute())
                .chain(empty -> {
                    List<String> columns = empty.columnsNames();
                    List<String> keys = columns.subList(1, 1 + p.keyColumns());
                    String on = keys.stream()
                            .map(k -> "l." + quote(k) + " = r." + quote(k))
                            .collect(Collectors.joining(" and "));
                    String keyColumns = IntStream.range(0, keys.size())
                            .mapToObj(i ->
                                    "coalesce(l." + quote(keys.get(i)) + ", r." + quote(keys.get(i)) + ") as gy_k" + i)
                            .collect(Collectors.joining(", "));
                    // one query on both sides gives columns of the same types; sums of events may not match the
                    // live columns' types (text and varchar, numeric and bigint) and are compared as text
                    String differs = p.against() == ReplayPlan.Against.REPLAY
                            ? "l is distinct from r"
                            : "l.gy_row is null or r.gy_row is null or cast(l as text) <> cast(r as text)";
                    String order = IntStream.range(0, keys.size())
                            .mapToObj(i -> "gy_k" + i)
                            .collect(Collectors.joining(", "));
                    return c.query("create temp table gy_differ on commit drop as select " + keyColumns
                                    + ", case when l.gy_row is null then 'replay' when r.gy_row is null then 'live' "
                                    + "else 'both' end as gy_side, cast(row_to_json(l) as text) as gy_live, "
                                    + "cast(row_to_json(r) as text) as gy_replay from gy_live l full join gy_replay r on "
                                    + on + " where " + differs)
                            .execute()
                            .chain(() -> c.query(
                                            "select count(*) filter (where gy_side = 'both'), count(*) filter "
                                                    + "(where gy_side = 'live'), count(*) filter (where gy_side = 'replay') from gy_differ")
                                    .execute())
                            .chain(counts -> c.query("select gy_live, gy_replay from gy_differ order by " + order
                                            + " limit " + limit)
                                    .execute()
                                    .map(first -> {
                                        Row n = counts.iterator().next();
                                        long different = n.getLong(0);
                                        long onlyLive = n.getLong(1);
                                        long onlyReplay = n.getLong(2);
                                        List<Difference> differences = new ArrayList<>();
                                        first.forEach(
                                                r -> differences.add(difference(r.getString(0), r.getString(1), keys)));
                                        return new ProjectionResult(
                                                p.name(),
                                                sides[0],
                                                sides[1],
                                                sides[0] + onlyReplay,
                                                sides[0] - different - onlyLive,
                                                different,
                                                onlyLive,
                                                onlyReplay,
                                                differences);
                                    }));
                }));
    }

    /**
     * For one comparison: room to hash both sides in memory, and a hash join rather than sorting both (the planner
     * has no statistics on the fresh temporary tables).
     */
    private static final String COMPARE_MEMORY = """
            select set_config('work_mem', '128MB', true), set_config('enable_mergejoin', 'off', true)""";

    private static Difference difference(String liveJson, String replayJson, List<String> keys) {
        Map<String, Object> l = parse(liveJson);
        Map<String, Object> r = parse(replayJson);
        Map<String, Object> side = l != null ? l : r;
        Map<String, Object> key = new LinkedHashMap<>();
        keys.forEach(k -> key.put(k, side.get(k)));
        if (l == null || r == null) {
            Map<String, Object> values = new LinkedHashMap<>(side);
            keys.forEach(values::remove);
            return new Difference(
                    l == null ? "only in replay" : "only in live",
                    key,
                    l == null ? null : values,
                    r == null ? null : values);
        }
        Map<String, Object> liveValues = new LinkedHashMap<>();
        Map<String, Object> replayValues = new LinkedHashMap<>();
        l.forEach((column, value) -> {
            if (!keys.contains(column) && !Objects.equals(value, r.get(column))) {
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
     * Analyzes the shadow tables changed by as many rows as they held when last analyzed (and by 1,000 at least), so
     * their statistics keep up while a replay fills them from empty: planned with none, PostgreSQL takes a table for
     * small and scans all of it where it would look rows up by index. Not the event ledger: only the comparisons
     * read it, once it is complete (and its payloads are costly to sample: 1.1 s of a donation replay).
     */
    Uni<Void> analyzeGrown() {
        return pool.preparedQuery(GROWN_TABLES).execute(Tuple.of(shadow)).chain(rows -> {
            List<String> tables = new ArrayList<>();
            rows.forEach(r -> tables.add(shadow + "." + quote(r.getString("table_name"))));
            return tables.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : pool.query("analyze " + String.join(", ", tables))
                            .execute()
                            .replaceWithVoid();
        });
    }

    private static final String GROWN_TABLES = """
            select s.relname as table_name
            from pg_stat_user_tables s
            join pg_class c on c.oid = s.relid
            where s.schemaname = $1 and s.relname <> 'event_ledger'
              and s.n_mod_since_analyze >= greatest(1000, c.reltuples)""";

    /** Runs a plan's rebuild statements in the shadow schema, in one transaction. */
    Uni<Void> rebuild(List<String> statements) {
        return pool.withTransaction(c -> searchPath(c, shadow).chain(() -> run(c, statements)));
    }

    /**
     * Empties every table of the shadow schema once a replay has ended: what it copied (elders, guardians, devices,
     * positions) and rebuilt is not kept beyond the report. The tables stay, empty, for the next replay to replace.
     */
    Uni<Void> clear() {
        return pool.withTransaction(c -> names(c, "select tablename from pg_tables where schemaname = $1", shadow)
                .chain(tables -> tables.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : run(
                                c,
                                List.of("truncate table "
                                        + tables.stream()
                                                .map(t -> shadow + "." + quote(t))
                                                .collect(Collectors.joining(", "))))));
    }

    /**
     * Adds published events to the shadow's {@code event_ledger}, each {@code ce_id} once; the values go to
     * PostgreSQL as the bytes Kafka gave (no string made and encoded again in between).
     */
    Uni<Void> ledger(List<ConsumerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = records.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] causes = new String[n];
        Buffer[] values = new Buffer[n];
        for (int i = 0; i < n; i++) {
            var r = records.get(i);
            ids[i] = CloudEventHeaders.text(r.headers(), CloudEventHeaders.ID);
            types[i] = CloudEventHeaders.text(r.headers(), CloudEventHeaders.TYPE);
            topics[i] = r.topic();
            keys[i] = r.key();
            causes[i] = CloudEventHeaders.text(r.headers(), CloudEventHeaders.CAUSATION_ID);
            values[i] = r.value() == null ? null : Buffer.buffer(r.value());
        }
        return pool.preparedQuery(ADD_TO_LEDGER.formatted(shadow))
                .execute(Tuple.of(ids, types, topics, keys, causes, values))
                .replaceWithVoid();
    }

    private static final String ADD_TO_LEDGER = """
            insert into %s.event_ledger (ce_id, ce_type, topic, key, caused_by, payload)
            select cast(id as uuid), type, topic, key, cast(caused_by as uuid), cast(convert_from(value, 'UTF8') as jsonb)
            from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as text[]), cast($4 as text[]),
                        cast($5 as text[]), cast($6 as bytea[])) as u(id, type, topic, key, caused_by, value)
            where id is not null and type is not null
            on conflict (ce_id) do nothing""";

    /** Makes {@code schema} (then public, for extensions) the search path until the transaction ends. */
    static Uni<Void> searchPath(SqlConnection c, String schema) {
        return c.preparedQuery("select set_config('search_path', $1, true)")
                .execute(Tuple.of(schema + ", public"))
                .replaceWithVoid();
    }

    /**
     * Copies the command tables' rows, column by column in the plan's order; generated columns (their copies are
     * generated too) are left to the shadow to compute.
     */
    private static final String COPY_STATEMENTS = """
            select format('insert into %I.%I (%s) select %s from %I.%I',
                          cast($2 as text), t.relname, x.cols, x.cols, cast($1 as text), t.relname)
            from pg_class t
            join pg_namespace n on n.oid = t.relnamespace
            cross join lateral (
                select string_agg(quote_ident(a.attname), ', ' order by a.attnum) as cols
                from pg_attribute a
                where a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') x
            where n.nspname = $1 and t.relkind in ('r', 'p') and t.relname = any(cast($3 as text[]))
            order by array_position(cast($3 as text[]), cast(t.relname as text))""";

    private static Uni<List<String>> copyStatements(SqlConnection c, String live, String shadow, List<String> tables) {
        return c.preparedQuery(COPY_STATEMENTS)
                .execute(Tuple.of(live, shadow, tables.toArray(String[]::new)))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString(0)));
                    if (out.size() != tables.size()) {
                        throw new IllegalStateException(
                                "The tables to copy " + tables + " are not all tables of schema " + live);
                    }
                    return out;
                });
    }

    private static Uni<List<String>> names(SqlConnection c, String sql, String schema) {
        return c.preparedQuery(sql).execute(Tuple.of(schema)).map(rows -> {
            List<String> out = new ArrayList<>();
            rows.forEach(r -> out.add(r.getString(0)));
            return out;
        });
    }

    private static Uni<Void> run(SqlConnection c, List<String> statements) {
        return Multi.createFrom()
                .iterable(statements)
                .onItem()
                .transformToUniAndConcatenate(sql -> c.query(sql).execute())
                .collect()
                .last()
                .replaceWithVoid();
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
