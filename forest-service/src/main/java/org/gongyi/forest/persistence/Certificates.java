package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import org.gongyi.common.persistence.Sql;
import org.gongyi.forest.domain.ForestCalendar;

import java.time.Instant;

/** Unique certificate numbers: kind letter, year (Shanghai), and a number from one database sequence. */
public final class Certificates {
    public static final String TREE = "T";
    public static final String AREA = "A";
    public static final String COUNTY_PLOT = "C";

    private Certificates() {
    }

    /** E.g. {@code GF-T-2026-0000000042}. */
    public static Uni<String> next(String kind, Instant now) {
        return Sql.numbers("select nextval('certificate_seq')")
                .map(n -> "GF-%s-%d-%010d".formatted(kind, ForestCalendar.day(now).getYear(), n[0]));
    }
}
