package org.gongyi.common.time;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;

import static java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimestampsTest {

    private static final ObjectMapper JSON =
            new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(Timestamps.jacksonModule());

    record Stamped(Instant at) {}

    @Test
    void readsWhatInstantParseReads() {
        SplittableRandom random = new SplittableRandom(20261205);
        for (int i = 0; i < 20_000; i++) {
            Instant at = Instant.ofEpochSecond(
                    random.nextLong(-2_208_988_800L, 4_102_444_800L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    });
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            for (String text : List.of(at.toString(), ISO_OFFSET_DATE_TIME.format(at.atOffset(offset)))) {
                assertEquals(Instant.parse(text), Timestamps.parse(text), text);
            }
        }
    }

    @Test
    void leavesWhatItCannotReadToInstantParse() {
        assertEquals(Instant.parse("2016-12-31T23:59:60Z"), Timestamps.parse("2016-12-31T23:59:60Z"));
        for (String bad : List.of("", "yesterday", "2026-13-01T00:00:00Z", "2026-12-05T10:31:04", "2026-12-05")) {
            assertThrows(DateTimeParseException.class, () -> Timestamps.parse(bad), bad);
        }
    }

    @Test
    void jacksonReadsStringsAndNumbersAsItsModuleDoes() throws Exception {
        assertEquals(
                new Stamped(Instant.parse("2026-11-11T00:05:00.123Z")),
                JSON.readValue("{\"at\":\"2026-11-11T08:05:00.123+08:00\"}", Stamped.class));
        assertEquals(
                new Stamped(Instant.ofEpochSecond(1_700_000_000L, 500_000_000)),
                JSON.readValue("{\"at\":1700000000.5}", Stamped.class));
        assertEquals(new Stamped(null), JSON.readValue("{\"at\":null}", Stamped.class));
        assertThrows(InvalidFormatException.class, () -> JSON.readValue("{\"at\":\"soon\"}", Stamped.class));
    }
}
