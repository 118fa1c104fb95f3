package org.gongyi.reunion.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellRingTest {

    /** Great-circle distance on earthdistance's sphere. */
    private static double distance(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * CellRing.EARTH_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    private static CellRing.Run runOf(List<CellRing.Run> runs, int latCell, int lonCell) {
        CellRing.Run found = null;
        for (CellRing.Run r : runs) {
            if (r.latCell() == latCell && lonCell >= r.lonFrom() && lonCell <= r.lonTo()) {
                assertEquals(null, found, "a cell in two runs: " + latCell + "," + lonCell);
                found = r;
            }
        }
        return found;
    }

    /**
     * Every cell centre in the ring is in exactly one run; a run that needs no check against a circle lies wholly on
     * its side (every corner of each of its cells).
     */
    private static void exact(double lat, double lon, double innerM, double outerM) {
        List<CellRing.Run> runs = CellRing.ring(lat, lon, innerM, outerM);
        double reach = Math.toDegrees(outerM / CellRing.EARTH_M) + 0.05;
        int fromRow = (int) Math.floor((lat - reach) * 100);
        int toRow = (int) Math.ceil((lat + reach) * 100);
        double lonReach =
                Math.min(180, reach / Math.max(0.01, Math.cos(Math.toRadians(Math.min(89.9, Math.abs(lat) + reach)))));
        int step = outerM > 200_000 ? 7 : 1;
        for (int row = Math.max(-9000, fromRow); row <= Math.min(9000, toRow); row += step) {
            for (int c = (int) Math.floor((lon - lonReach) * 100); c <= Math.ceil((lon + lonReach) * 100); c += step) {
                int cell = Math.floorMod(c + 18000, 36000) - 18000;
                double d = distance(lat, lon, row / 100.0, c / 100.0);
                CellRing.Run run = runOf(runs, row, cell);
                if (d <= outerM && d > innerM) {
                    assertTrue(run != null, "missing " + row + "," + cell + " at " + d + " m");
                }
                if (run == null) {
                    continue;
                }
                for (double[] corner :
                        new double[][] {{-0.005, -0.005}, {-0.005, 0.005}, {0.005, -0.005}, {0.005, 0.005}}) {
                    double dc = distance(lat, lon, row / 100.0 + corner[0], c / 100.0 + corner[1]);
                    if (!run.checkOuter()) {
                        assertTrue(dc <= outerM, "unchecked outside: " + row + "," + cell);
                    }
                    if (!run.checkInner()) {
                        assertTrue(dc > innerM, "unchecked inside the inner circle: " + row + "," + cell);
                    }
                }
            }
        }
    }

    @Test
    void aDiscAroundZhengzhouIsCoveredExactly() {
        exact(34.7466, 113.6254, 0, 100_000);
    }

    @Test
    void aWideningCoversOnlyItsRing() {
        exact(34.7466, 113.6254, 100_000, 200_000);
        List<CellRing.Run> ring = CellRing.ring(34.7466, 113.6254, 100_000, 200_000);
        // the centre's cell and its neighbours are inside the inner circle: no run covers them
        assertEquals(null, runOf(ring, 3475, 11363));
        assertTrue(ring.stream().allMatch(r -> r.latCell() >= 3474 - 182 && r.latCell() <= 3475 + 182));
    }

    @Test
    void placesAnywhereAndSmallRadiiAreCoveredExactly() {
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            double lat = -89 + 178 * random.nextDouble();
            double lon = -180 + 360 * random.nextDouble();
            double outer = 500 + 30_000 * random.nextDouble();
            double inner = random.nextBoolean() ? 0 : outer * random.nextDouble();
            exact(lat, lon, inner, outer);
        }
    }

    @Test
    void theAntimeridianAndThePolesAreCovered() {
        exact(10, 179.99, 0, 50_000);
        exact(-10, -179.995, 20_000, 60_000);
        exact(89.9, 0, 0, 40_000);
        List<CellRing.Run> polar = CellRing.disc(89.9, 0, 40_000);
        assertTrue(polar.stream().anyMatch(r -> r.latCell() == 9000 && r.lonFrom() == -18000 && r.lonTo() == 17999));
    }

    @Test
    void nothingForAnEmptyRing() {
        assertEquals(List.of(), CellRing.ring(10, 10, 100_000, 100_000));
        assertEquals(List.of(), CellRing.disc(10, 10, 0));
    }

    @Test
    void fiveHundredKilometresAreAFewThousandRuns() {
        List<CellRing.Run> runs = CellRing.disc(34.7466, 113.6254, 500_000);
        assertTrue(runs.size() < 5_000, runs.size() + " runs");
        assertTrue(
                runs.stream()
                                .filter(r -> !r.checkOuter())
                                .mapToLong(r -> r.lonTo() - r.lonFrom() + 1)
                                .sum()
                        > 0.95
                                * runs.stream()
                                        .mapToLong(r -> r.lonTo() - r.lonFrom() + 1)
                                        .sum(),
                "most cells unchecked");
    }
}
