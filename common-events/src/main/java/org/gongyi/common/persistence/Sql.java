package org.gongyi.common.persistence;

import java.util.ArrayList;
import java.util.List;

/** Helpers for statements run through {@link Db}. */
public final class Sql {
    private Sql() {
    }

    /**
     * Many rows as one text-array parameter per column, for {@code insert … select … from unnest(…) with ordinality}:
     * the statement text is the same for any number of rows (PostgreSQL parses and plans it once, where a
     * {@code values} list of thousands of parameters costs more than the insert), and rows keep the order added.
     */
    public static final class Rows {
        private final String[] types;
        private final List<List<String>> columns;

        private Rows(String[] types) {
            this.types = types.clone();
            this.columns = new ArrayList<>(types.length);
            for (int i = 0; i < types.length; i++) {
                columns.add(new ArrayList<>());
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

        /** One {@code String[]} per column, for {@code unnest(cast($1 as uuid[]), cast($2 as text[]) …)}. */
        public Object[] params() {
            return columns.stream().map(c -> c.toArray(new String[0])).toArray();
        }
    }
}
