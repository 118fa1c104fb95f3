package org.gongyi.common.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.function.Function;

/** Native SQL in the current reactive session: positional parameters {@code ?1, ?2 …}. */
public final class Sql {
    private Sql() {
    }

    public static Uni<Integer> exec(String sql, Object... params) {
        return Panache.getSession().chain(s -> bind(s.createNativeQuery(sql), params).executeUpdate());
    }

    public static <T> Uni<List<T>> rows(String sql, Function<Object[], T> mapper, Object... params) {
        // a one-column result comes back as its values, not as arrays
        return Panache.getSession().chain(s -> bind(s.createNativeQuery(sql, Object.class), params).getResultList())
                .map(list -> list.stream().map(r -> mapper.apply(r instanceof Object[] a ? a : new Object[]{r})).toList());
    }

    public static Uni<List<String>> strings(String sql, Object... params) {
        return Panache.getSession().chain(s -> bind(s.createNativeQuery(sql, String.class), params).getResultList());
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

    private static <Q extends Mutiny.AbstractQuery> Q bind(Q query, Object... params) {
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query;
    }
}
