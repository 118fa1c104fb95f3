package org.gongyi.common.persistence;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlRowsTest {

    enum Kind {
        FIXED
    }

    @Test
    void oneTypedArrayPerColumnInTheOrderAdded() {
        UUID id = UUID.fromString("6f1c1a52-3c1e-4a43-9b8e-0d6f0e4c2a10");
        Sql.Rows rows = Sql.Rows.of("uuid", "text", "bigint", "int", "timestamptz", "date")
                .add(id, "a", 12L, 3, Instant.parse("2026-11-11T00:00:00Z"), LocalDate.of(2026, 11, 1))
                .add(null, Kind.FIXED, 7, null, null, null);
        assertEquals(2, rows.size());
        Object[] params = rows.params();
        assertEquals(6, params.length);
        assertArrayEquals(new UUID[] {id, null}, (UUID[]) params[0]);
        assertArrayEquals(new String[] {"a", "FIXED"}, (String[]) params[1]);
        assertArrayEquals(new Long[] {12L, 7L}, (Long[]) params[2]);
        assertArrayEquals(new Integer[] {3, null}, (Integer[]) params[3]);
        assertArrayEquals(
                new OffsetDateTime[] {OffsetDateTime.of(2026, 11, 11, 0, 0, 0, 0, ZoneOffset.UTC), null},
                (OffsetDateTime[]) params[4]);
        assertArrayEquals(new LocalDate[] {LocalDate.of(2026, 11, 1), null}, (LocalDate[]) params[5]);
    }

    @Test
    void instantsAreRoundedToMicrosecondsAsPostgresqlRoundsTheirText() {
        assertEquals(Instant.parse("2026-12-05T05:04:14.524156Z"), micros("2026-12-05T05:04:14.524155891Z"));
        assertEquals(Instant.parse("2026-12-05T05:04:14.524155Z"), micros("2026-12-05T05:04:14.524155499Z"));
        assertEquals(Instant.parse("2026-12-05T05:04:15Z"), micros("2026-12-05T05:04:14.999999600Z"));
        assertEquals(Instant.parse("2026-12-05T05:04:14.5Z"), micros("2026-12-05T05:04:14.5Z"));
    }

    private static Instant micros(String instant) {
        return ((OffsetDateTime[])
                        Sql.Rows.of("timestamptz").add(Instant.parse(instant)).params()[0])
                [0].toInstant();
    }

    @Test
    void aRowOfTheWrongWidthOrAValueOfTheWrongTypeIsRefused() {
        Sql.Rows rows = Sql.Rows.of("uuid", "text");
        assertThrows(IllegalArgumentException.class, () -> rows.add("only one"));
        assertThrows(IllegalArgumentException.class, () -> rows.add("not a uuid", "a"));
        assertThrows(IllegalArgumentException.class, () -> Sql.Rows.of("money"));
        assertTrue(rows.isEmpty());
    }
}
