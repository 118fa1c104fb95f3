package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.forest.domain.ForestCalendar;

import java.time.Instant;

/** Unique certificate numbers: kind letter, year (Shanghai), and a number from one database sequence. */
@ApplicationScoped
public class Certificates {
    public static final String TREE = "T";
    public static final String AREA = "A";
    public static final String COUNTY_PLOT = "C";

    private static final String NEXT = "select nextval('certificate_seq') as n";

    private final Db db;

    public Certificates(Db db) {
        this.db = db;
    }

    /** E.g. {@code GF-T-2026-0000000042}. */
    public Uni<String> next(String kind, Instant now) {
        return db.first(NEXT, row -> row.getLong("n"))
                .map(n ->
                        "GF-%s-%d-%010d".formatted(kind, ForestCalendar.day(now).getYear(), n));
    }
}
