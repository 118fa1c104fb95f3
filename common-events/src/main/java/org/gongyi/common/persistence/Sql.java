package org.gongyi.common.persistence;

import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Native SQL with positional parameters {@code ?1, ?2 …}, rows as {@code Object[]}: in Panache's session while the
 * service maps entities with Hibernate Reactive, otherwise through {@link Db} (in its transaction when one is open).
 * New code uses {@link Db} with rows mapped by column name.
 */
public final class Sql {
    private static final Pattern ORDINAL = Pattern.compile("\\?(\\d+)");

    private Sql() {
    }

    public static Uni<Integer> exec(String sql, Object... params) {
        return Db.ORM ? OrmSession.exec(sql, params) : db().update(dollars(sql), params);
    }

    public static <T> Uni<List<T>> rows(String sql, Function<Object[], T> mapper, Object... params) {
        Uni<List<Object[]>> rows = Db.ORM ? OrmSession.rows(sql, params)
                : db().query(dollars(sql), params).map(Sql::arrays);
        return rows.map(list -> list.stream().map(mapper).toList());
    }

    public static Uni<List<String>> strings(String sql, Object... params) {
        return Db.ORM ? OrmSession.strings(sql, params) : db().query(dollars(sql), params).map(set -> {
            List<String> out = new ArrayList<>(set.size());
            for (Row r : set) {
                Object v = r.getValue(0);
                out.add(v == null ? null : v.toString());
            }
            return out;
        });
    }

    /** The numeric columns of a one-row result, nulls as 0. */
    public static Uni<long[]> numbers(String sql, Object... params) {
        return rows(sql, row -> {
            long[] out = new long[row.length];
            for (int i = 0; i < row.length; i++) {
                out[i] = number(row[i]);
            }
            return out;
        }, params).map(l -> l.get(0));
    }

    /** An instant as a timestamptz parameter (null stays null). */
    public static java.time.OffsetDateTime utc(java.time.Instant at) {
        return at == null ? null : at.atOffset(java.time.ZoneOffset.UTC);
    }

    /** A timestamptz column value as an instant. */
    public static java.time.Instant instant(Object o) {
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.time.LocalDateTime t) {
            return t.toInstant(java.time.ZoneOffset.UTC);
        }
        return (java.time.Instant) o;
    }

    public static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    /**
     * Many rows as one text-array parameter per column, for {@code insert into t (a, b) } + {@link #select()}: the
     * statement text is the same for any number of rows (PostgreSQL parses and plans it cheaply, where a
     * {@code values} list of thousands of parameters costs more than the insert), and rows come out in the order added.
     */
    public static final class Rows {
        private final String[] types;
        private final List<List<String>> columns;

        private Rows(String[] types) {
            this.types = types.clone();
            this.columns = new java.util.ArrayList<>(types.length);
            for (int i = 0; i < types.length; i++) {
                columns.add(new java.util.ArrayList<>());
            }
        }

        /** Rows whose columns have these PostgreSQL types, e.g. {@code "uuid", "text", "bigint", "timestamptz"}. */
        public static Rows of(String... types) {
            return new Rows(types);
        }

        /** One row; values in their text form (instants as ISO-8601), null as SQL null. */
        public Rows add(Object... values) {
            if (values.length != types.length) {
                throw new IllegalArgumentException(values.length + " values for " + types.length + " columns");
            }
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                columns.get(i).add(v == null ? null : v instanceof Enum<?> e ? e.name() : v.toString());
            }
            return this;
        }

        public int size() {
            return columns.get(0).size();
        }

        public boolean isEmpty() {
            return size() == 0;
        }

        /** {@code select cast(c1 as uuid), c2 … from unnest(?1, ?2 …) with ordinality … order by the row's position}. */
        public String select() {
            StringBuilder cols = new StringBuilder();
            StringBuilder arrays = new StringBuilder();
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < types.length; i++) {
                String sep = i == 0 ? "" : ", ";
                cols.append(sep).append("text".equals(types[i]) ? "c" + i : "cast(c" + i + " as " + types[i] + ")");
                arrays.append(sep).append("cast(?").append(i + 1).append(" as text[])");
                names.append("c").append(i).append(", ");
            }
            return "select " + cols + " from unnest(" + arrays + ") with ordinality as u(" + names + "n) order by n";
        }

        /** The parameters of {@link #select()}: one {@code String[]} per column. */
        public Object[] params() {
            return columns.stream().map(c -> c.toArray(new String[0])).toArray();
        }
    }

    private static Db db() {
        return Arc.container().instance(Db.class).get();
    }

    private static String dollars(String sql) {
        return ORDINAL.matcher(sql).replaceAll("\\$$1");
    }

    private static List<Object[]> arrays(RowSet<Row> set) {
        List<Object[]> out = new ArrayList<>(set.size());
        for (Row r : set) {
            Object[] a = new Object[r.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.getValue(i);
            }
            out.add(a);
        }
        return out;
    }
}
