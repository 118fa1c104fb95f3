package org.gongyi.reunion.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Coordinates: validation, and coarsening for what is stored about people's devices. */
public final class Geo {
    /** Device locations are kept to 0.01° (about 1 km): enough to choose who to alert, not to find a home. */
    public static final int COARSE_DECIMALS = 2;

    private Geo() {}

    public static double coarse(double degrees) {
        return BigDecimal.valueOf(degrees)
                .setScale(COARSE_DECIMALS, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** Great-circle distance in metres (haversine, mean Earth radius). */
    public static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
        double r = 6_371_008.8;
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1))
                        * Math.cos(Math.toRadians(lat2))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
