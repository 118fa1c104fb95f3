package org.gongyi.common.persistence;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.bigint;
import static org.gongyi.common.persistence.Sql.bool;
import static org.gongyi.common.persistence.Sql.date;
import static org.gongyi.common.persistence.Sql.int4;
import static org.gongyi.common.persistence.Sql.name;
import static org.gongyi.common.persistence.Sql.text;
import static org.gongyi.common.persistence.Sql.timestamptz;
import static org.gongyi.common.persistence.Sql.uuid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlColumnsTest {

    enum Kind {
        FIXED
    }

    record Line(UUID id, String note, Kind kind, long fen, Integer count, Instant at, LocalDate day, Boolean open) {}

    private static final Sql.Columns<Line> LINES = Sql.Columns.of(
            uuid(Line::id),
            text(Line::note),
            name(Line::kind),
            bigint(Line::fen),
            int4(Line::count),
            timestamptz(Line::at),
            date(Line::day),
            bool(Line::open));

    @Test
    void oneTypedArrayPerColumnInTheRowsOrder() {
        UUID id = UUID.fromString("6f1c1a52-3c1e-4a43-9b8e-0d6f0e4c2a10");
        List<Line> lines = List.of(
                new Line(
                        id,
                        "a",
                        Kind.FIXED,
                        12,
                        3,
                        Instant.parse("2026-11-11T00:00:00Z"),
                        LocalDate.of(2026, 11, 1),
                        true),
                new Line(null, null, null, 7, null, null, null, null));
        Object[] params = LINES.params(lines);
        assertEquals(8, params.length);
        assertArrayEquals(new UUID[] {id, null}, (UUID[]) params[0]);
        assertArrayEquals(new String[] {"a", null}, (String[]) params[1]);
        assertArrayEquals(new String[] {"FIXED", null}, (String[]) params[2]);
        assertArrayEquals(new Long[] {12L, 7L}, (Long[]) params[3]);
        assertArrayEquals(new Integer[] {3, null}, (Integer[]) params[4]);
        assertArrayEquals(
                new OffsetDateTime[] {OffsetDateTime.of(2026, 11, 11, 0, 0, 0, 0, ZoneOffset.UTC), null},
                (OffsetDateTime[]) params[5]);
        assertArrayEquals(new LocalDate[] {LocalDate.of(2026, 11, 1), null}, (LocalDate[]) params[6]);
        assertArrayEquals(new Boolean[] {true, null}, (Boolean[]) params[7]);
    }

    @Test
    void leadingParametersComeFirstAndNoRowsGiveEmptyArrays() {
        Object[] params = LINES.params(List.of(), 42);
        assertEquals(9, params.length);
        assertEquals(42, params[0]);
        assertArrayEquals(new UUID[0], (UUID[]) params[1]);
        assertArrayEquals(new Boolean[0], (Boolean[]) params[8]);
    }

    @Test
    void instantsAreRoundedToMicrosecondsAsPostgresqlRoundsTheirText() {
        assertEquals(Instant.parse("2026-12-05T05:04:14.524156Z"), micros("2026-12-05T05:04:14.524155891Z"));
        assertEquals(Instant.parse("2026-12-05T05:04:14.524155Z"), micros("2026-12-05T05:04:14.524155499Z"));
        assertEquals(Instant.parse("2026-12-05T05:04:15Z"), micros("2026-12-05T05:04:14.999999600Z"));
        assertEquals(Instant.parse("2026-12-05T05:04:14.5Z"), micros("2026-12-05T05:04:14.5Z"));
    }

    private static Instant micros(String instant) {
        Sql.Columns<Instant> at = Sql.Columns.of(timestamptz(i -> i));
        return ((OffsetDateTime[]) at.params(List.of(Instant.parse(instant)))[0])[0].toInstant();
    }
}
