package org.gongyi.common.persistence;

import java.lang.reflect.Array;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Helpers for statements run through {@link Db}. */
public final class Sql {
    private Sql() {}

    /**
     * Many rows as one typed array parameter per column, for {@code insert … select … from unnest(cast($1 as uuid[]),
     * cast($2 as text[]) …) with ordinality}: the statement text is the same for any number of rows (PostgreSQL
     * parses and plans it once, where a {@code values} list of thousands of parameters costs more than the insert),
     * rows keep the order added, and values go in their binary form (no text made in Java and parsed again).
     */
    public static final class Rows {
        private final Type[] types;
        private final List<List<Object>> columns;

        private Rows(String[] types) {
            this.types = new Type[types.length];
            this.columns = new ArrayList<>(types.length);
            for (int i = 0; i < types.length; i++) {
                this.types[i] = Type.of(types[i]);
                columns.add(new ArrayList<>());
            }
        }

        /**
         * Rows whose columns have these PostgreSQL types: {@code uuid}, {@code text}, {@code bigint}, {@code int},
         * {@code timestamptz}, {@code date} or {@code boolean} (the statement casts each parameter to that array type).
         */
        public static Rows of(String... types) {
            return new Rows(types);
        }

        /** One row; null as SQL null, an enum as its name, an instant as a timestamptz. */
        public Rows add(Object... values) {
            if (values.length != types.length) {
                throw new IllegalArgumentException(values.length + " values for " + types.length + " columns");
            }
            Object[] row = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                row[i] = values[i] == null ? null : types[i].value(values[i]);
            }
            for (int i = 0; i < row.length; i++) {
                columns.get(i).add(row[i]);
            }
            return this;
        }

        public int size() {
            return columns.get(0).size();
        }

        public boolean isEmpty() {
            return size() == 0;
        }

        /** One array per column, of its type's Java class ({@code UUID[]}, {@code String[]}, {@code Long[]} …). */
        public Object[] params() {
            Object[] params = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                params[i] = columns.get(i).toArray((Object[]) Array.newInstance(types[i].javaType, 0));
            }
            return params;
        }
    }

    /** A column type of {@link Rows} and how a value becomes its Java form. */
    private enum Type {
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

        static Type of(String sqlName) {
            for (Type t : values()) {
                if (t.sqlName.equals(sqlName)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("Not a column type of Sql.Rows: " + sqlName);
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
