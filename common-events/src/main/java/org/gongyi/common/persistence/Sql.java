package org.gongyi.common.persistence;

import java.lang.reflect.Array;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Helpers for statements run through {@link Db}. */
public final class Sql {
    private Sql() {}

    /**
     * How records become many rows of one typed array parameter per column, for {@code insert … select … from
     * unnest(cast($1 as uuid[]), cast($2 as text[]) …) with ordinality}: the statement text is the same for any
     * number of rows (PostgreSQL parses and plans it once, where a {@code values} list of thousands of parameters
     * costs more than the insert), rows keep their order, and values go in their binary form (no text made in Java
     * and parsed again). Each column names its PostgreSQL type next to the value it takes, in the statement's order:
     * <pre>{@code
     * Sql.Columns<Counter> COUNTERS = Sql.Columns.of(text(Counter::userId), date(Counter::periodStart), …);
     * db.update(ADD_ALL, COUNTERS.params(counters));
     * }</pre>
     */
    public static final class Columns<T> {
        private final List<Column<T>> columns;

        private Columns(List<Column<T>> columns) {
            this.columns = columns;
        }

        @SafeVarargs
        public static <T> Columns<T> of(Column<T>... columns) {
            return new Columns<>(List.of(columns));
        }

        /**
         * One array per column ({@code UUID[]}, {@code String[]}, {@code Long[]} …), the rows in order; after
         * {@code leading}, the statement's first parameters, when it has any besides the arrays.
         */
        public Object[] params(Collection<? extends T> rows, Object... leading) {
            Object[] params = Arrays.copyOf(leading, leading.length + columns.size());
            for (int c = 0; c < columns.size(); c++) {
                Column<T> column = columns.get(c);
                Object[] values = (Object[]) Array.newInstance(column.type().javaType, rows.size());
                int r = 0;
                for (T row : rows) {
                    Object v = column.value().apply(row);
                    values[r++] = v == null ? null : column.type().value(v);
                }
                params[leading.length + c] = values;
            }
            return params;
        }
    }

    /** A column of {@link Columns}: its type and how a record gives its value (null as SQL null). */
    public record Column<T>(Type type, Function<? super T, ?> value) {}

    public static <T> Column<T> uuid(Function<? super T, UUID> value) {
        return new Column<>(Type.UUID_, value);
    }

    public static <T> Column<T> text(Function<? super T, String> value) {
        return new Column<>(Type.TEXT, value);
    }

    /** An enum, as its name in a text column. */
    public static <T> Column<T> name(Function<? super T, ? extends Enum<?>> value) {
        return new Column<>(Type.TEXT, value);
    }

    public static <T> Column<T> bigint(Function<? super T, ? extends Number> value) {
        return new Column<>(Type.BIGINT, value);
    }

    public static <T> Column<T> int4(Function<? super T, Integer> value) {
        return new Column<>(Type.INT, value);
    }

    /** An instant rounded to microseconds as PostgreSQL rounds its text ({@link Type#toMicros}). */
    public static <T> Column<T> timestamptz(Function<? super T, Instant> value) {
        return new Column<>(Type.TIMESTAMPTZ, value);
    }

    public static <T> Column<T> date(Function<? super T, LocalDate> value) {
        return new Column<>(Type.DATE, value);
    }

    public static <T> Column<T> bool(Function<? super T, Boolean> value) {
        return new Column<>(Type.BOOLEAN, value);
    }

    /** A column type of {@link Columns} and how a value becomes its Java form. */
    public enum Type {
        UUID_("uuid", UUID.class),
        TEXT("text", String.class),
        BIGINT("bigint", Long.class),
        INT("int", Integer.class),
        TIMESTAMPTZ("timestamptz", OffsetDateTime.class),
        DATE("date", LocalDate.class),
        BOOLEAN("boolean", Boolean.class);

        final String sqlName;
        final Class<?> javaType;

        Type(String sqlName, Class<?> javaType) {
            this.sqlName = sqlName;
            this.javaType = javaType;
        }

        /**
         * The instant as PostgreSQL stores it when given its text (the rows' values once went as text): the fraction
         * of a second rounded to microseconds as {@code rint(strtod(fraction) * 1e6)} does (the client's binary form
         * would cut the nanoseconds instead, and a replay of events written before would differ by a microsecond).
         */
        static Instant toMicros(Instant i) {
            long micros = (long) Math.rint(i.getNano() / 1e9 * 1e6);
            return Instant.ofEpochSecond(i.getEpochSecond(), micros * 1000);
        }

        Object value(Object v) {
            Object converted = switch (this) {
                case TEXT -> v instanceof Enum<?> e ? e.name() : v instanceof String ? v : null;
                case BIGINT ->
                    v instanceof Long || v instanceof Integer || v instanceof Short ? ((Number) v).longValue() : null;
                case INT -> v instanceof Integer || v instanceof Short ? ((Number) v).intValue() : null;
                case TIMESTAMPTZ ->
                    v instanceof Instant i
                            ? OffsetDateTime.ofInstant(toMicros(i), ZoneOffset.UTC)
                            : v instanceof OffsetDateTime ? v : null;
                default -> javaType.isInstance(v) ? v : null;
            };
            if (converted == null) {
                throw new IllegalArgumentException("A " + v.getClass().getSimpleName() + " is not a " + sqlName);
            }
            return converted;
        }
    }
}
