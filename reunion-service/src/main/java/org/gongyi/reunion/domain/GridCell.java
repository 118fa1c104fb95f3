package org.gongyi.reunion.domain;

/**
 * A cell of 0.01° of latitude and longitude (about 1 km): where a public reader is, as precisely as the service needs
 * it. Alerts near a point are those near its cell's centre, so everyone in a cell gets the same answer.
 */
public record GridCell(double latitude, double longitude) {

    private static final double PER_DEGREE = 100;

    public static GridCell of(double latitude, double longitude) {
        return new GridCell(centre(latitude), centre(longitude));
    }

    private static double centre(double degrees) {
        return Math.round(degrees * PER_DEGREE) / PER_DEGREE;
    }
}
