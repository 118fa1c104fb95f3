package org.gongyi.reunion.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The devices a push reaches, as runs of 0.01° cells: those within {@code outer} metres of a place and farther than
 * {@code inner} (0 for a whole disc), row by row of latitude. Devices are kept in cell order (an index by latitude
 * cell, then longitude cell), so each run is one contiguous range of the index, and a widening reads only its ring.
 *
 * <p>A cell whose every point is surely inside the outer circle (and outside the inner one) needs no check; the cells
 * along either circle are marked so the database checks each device there by its exact distance ({@code
 * earth_distance}, the same sphere). "Surely" keeps a margin of {@value #MARGIN_M} m, more than a cell's half-diagonal,
 * so a device anywhere in its cell is on the right side whatever the rounding.
 */
public final class CellRing {

    /** earthdistance's sphere ({@code earth()}), in metres. */
    static final double EARTH_M = 6_378_168;

    static final double MARGIN_M = 1_000;
    private static final int PER_DEGREE = 100;
    private static final int CELLS_AROUND = 360 * PER_DEGREE;

    /**
     * Cells {@code lonFrom..lonTo} (inclusive) of latitude cell {@code latCell}; the database checks each device in
     * them against the outer circle when {@code checkOuter}, against the inner one when {@code checkInner}.
     */
    public record Run(int latCell, int lonFrom, int lonTo, boolean checkOuter, boolean checkInner) {}

    private CellRing() {}

    /** Runs covering the disc of {@code radiusM} around the place. */
    public static List<Run> disc(double lat, double lon, double radiusM) {
        return ring(lat, lon, 0, radiusM);
    }

    /** Runs covering the devices farther than {@code innerM} and within {@code outerM} of the place. */
    public static List<Run> ring(double lat, double lon, double innerM, double outerM) {
        if (!(outerM > 0) || innerM >= outerM) {
            return List.of();
        }
        double reachDeg = Math.toDegrees((outerM + MARGIN_M) / EARTH_M);
        int fromRow = Math.max(-90 * PER_DEGREE, (int) Math.floor((lat - reachDeg) * PER_DEGREE) - 1);
        int toRow = Math.min(90 * PER_DEGREE, (int) Math.ceil((lat + reachDeg) * PER_DEGREE) + 1);
        List<Run> runs = new ArrayList<>();
        for (int row = fromRow; row <= toRow; row++) {
            double rowLat = (double) row / PER_DEGREE;
            double maybeOuter = halfWidthDeg(lat, rowLat, outerM + MARGIN_M);
            if (maybeOuter < 0) {
                continue;
            }
            double sureOuter = halfWidthDeg(lat, rowLat, outerM - MARGIN_M);
            double sureInner = innerM > MARGIN_M ? halfWidthDeg(lat, rowLat, innerM - MARGIN_M) : -1;
            double maybeInner = innerM > 0 ? halfWidthDeg(lat, rowLat, innerM + MARGIN_M) : -1;
            row(runs, row, lon, maybeOuter, sureOuter, sureInner, maybeInner);
        }
        return runs;
    }

    /** The runs of one latitude row, in longitude order, consecutive cells with the same checks joined. */
    private static void row(
            List<Run> runs,
            int row,
            double lon,
            double maybeOuter,
            double sureOuter,
            double sureInner,
            double maybeInner) {
        int first = (int) Math.ceil((lon - Math.min(maybeOuter, 180)) * PER_DEGREE);
        int last = (int) Math.floor((lon + Math.min(maybeOuter, 180)) * PER_DEGREE);
        if (last - first >= CELLS_AROUND) {
            last = first + CELLS_AROUND - 1;
        }
        Run open = null;
        for (int cell = first; cell <= last; cell++) {
            double off = Math.abs((double) cell / PER_DEGREE - lon);
            if (off > maybeOuter || off <= sureInner) {
                open = close(runs, open);
                continue;
            }
            boolean checkOuter = off > sureOuter;
            boolean checkInner = off <= maybeInner;
            int at = wrap(cell);
            if (open != null
                    && open.lonTo() + 1 == at
                    && open.checkOuter() == checkOuter
                    && open.checkInner() == checkInner) {
                open = new Run(row, open.lonFrom(), at, checkOuter, checkInner);
            } else {
                close(runs, open);
                open = new Run(row, at, at, checkOuter, checkInner);
            }
        }
        close(runs, open);
    }

    private static Run close(List<Run> runs, Run open) {
        if (open != null) {
            runs.add(open);
        }
        return null;
    }

    /** A longitude cell in -18000..17999 (the antimeridian's cells are -18000). */
    private static int wrap(int cell) {
        return Math.floorMod(cell + CELLS_AROUND / 2, CELLS_AROUND) - CELLS_AROUND / 2;
    }

    /**
     * How far in longitude (degrees) a point at {@code rowLat} may be from the place and lie within {@code radiusM}:
     * -1 when none of the row does, 180 or more when all of it does.
     */
    static double halfWidthDeg(double lat, double rowLat, double radiusM) {
        if (radiusM <= 0) {
            return -1;
        }
        double angle = radiusM / EARTH_M;
        if (angle >= Math.PI) {
            return 360;
        }
        double p0 = Math.toRadians(lat);
        double p = Math.toRadians(rowLat);
        double denominator = Math.cos(p0) * Math.cos(p);
        double k = denominator <= 1e-12
                ? (Math.cos(angle) - Math.sin(p0) * Math.sin(p) <= 0 ? -1 : 2)
                : (Math.cos(angle) - Math.sin(p0) * Math.sin(p)) / denominator;
        if (k > 1) {
            return -1;
        }
        if (k <= -1) {
            return 360;
        }
        return Math.toDegrees(Math.acos(k));
    }
}
