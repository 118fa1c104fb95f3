package org.gongyi.common.persistence;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlRowsTest {

    enum Kind { FIXED }

    @Test
    void oneTextArrayPerColumnInTheOrderAdded() {
        UUID id = UUID.fromString("6f1c1a52-3c1e-4a43-9b8e-0d6f0e4c2a10");
        Sql.Rows rows = Sql.Rows.of("uuid", "text", "bigint", "timestamptz")
                .add(id, "a", 12L, Instant.parse("2026-11-11T00:00:00Z"))
                .add(null, Kind.FIXED, null, null);
        assertEquals(2, rows.size());
        Object[] params = rows.params();
        assertEquals(4, params.length);
        assertArrayEquals(new String[]{id.toString(), null}, (String[]) params[0]);
        assertArrayEquals(new String[]{"a", "FIXED"}, (String[]) params[1]);
        assertArrayEquals(new String[]{"12", null}, (String[]) params[2]);
        assertArrayEquals(new String[]{"2026-11-11T00:00:00Z", null}, (String[]) params[3]);
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        Sql.Rows rows = Sql.Rows.of("uuid", "text");
        assertThrows(IllegalArgumentException.class, () -> rows.add("only one"));
        assertTrue(rows.isEmpty());
    }
}
