package org.gongyi.reunion.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How far an alert reaches, by the time since the child was lost: up to 1 h 100 km, up to 2 h 200 km, up to 3 h
 * 300 km, later 500 km. A boundary belongs to the earlier step (exactly 1 h after the loss is still 100 km).
 */
public final class RadiusSchedule {

    record Step(Duration upTo, int km) {}

    private static final List<Step> STEPS = List.of(
            new Step(Duration.ofHours(1), 100), new Step(Duration.ofHours(2), 200), new Step(Duration.ofHours(3), 300));
    public static final int MAX_KM = 500;

    private RadiusSchedule() {}

    /** The radius at {@code now} for a loss at {@code lostAt} (a loss reported in the future counts as now). */
    public static int radiusKm(Instant lostAt, Instant now) {
        Duration since = Duration.between(lostAt, now);
        for (Step s : STEPS) {
            if (since.compareTo(s.upTo()) <= 0) {
                return s.km();
            }
        }
        return MAX_KM;
    }

    /**
     * The first instant of the next, wider step after {@code now}, if there is one: one microsecond (the database's
     * resolution) after the boundary, since the boundary itself still belongs to the narrower step.
     */
    public static Optional<Instant> nextWidening(Instant lostAt, Instant now) {
        for (Step s : STEPS) {
            Instant end = lostAt.plus(s.upTo());
            if (!now.isAfter(end)) {
                return Optional.of(end.plusNanos(1_000));
            }
        }
        return Optional.empty();
    }
}
