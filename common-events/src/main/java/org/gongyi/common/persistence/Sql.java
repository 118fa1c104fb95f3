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
     * {@code prefix} followed by {@code rows} tuples of {@code width} positional parameters, numbered from 1;
     * {@code casts} gives a type cast per column (null for none), e.g. {@code "uuid"}.
     */
    public static String values(String prefix, int rows, int width, String... casts) {
        StringBuilder b = new StringBuilder(prefix);
        for (int r = 0; r < rows; r++) {
            b.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < width; c++) {
                String param = "?" + (r * width + c + 1);
                String cast = c < casts.length ? casts[c] : null;
                b.append(c == 0 ? "" : ", ").append(cast == null ? param : "cast(" + param + " as " + cast + ")");
            }
            b.append(')');
        }
        return b.toString();
    }

    private static <Q extends Mutiny.AbstractQuery> Q bind(Q query, Object... params) {
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query;
    }
}
