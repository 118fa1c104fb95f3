package org.gongyi.volunteer.domain;

/**
 * A point on the map in degrees (latitude −90…90, longitude −180…180, both ends included). Distances are great-circle
 * distances on the sphere PostgreSQL's earthdistance uses ({@link #EARTH_RADIUS_M}), so that a check-in here and a
 * search in the database measure alike, and they are rounded to the metre: a place is within a radius when its
 * distance, to the metre, is at most the radius (exactly at the radius is inside, a metre beyond is not).
 */
public record GeoPoint(double latitude, double longitude) {

    /** earthdistance's {@code earth()}: the radius of its sphere in metres. */
    public static final double EARTH_RADIUS_M = 6_378_168;

    public GeoPoint {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude must be from -90 to 90: not " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude must be from -180 to 180: not " + longitude);
        }
    }

    /** {@code "lat,lon"} in degrees (as in {@code near=30.25,120.16}); {@link IllegalArgumentException} otherwise. */
    public static GeoPoint parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a point is latitude,longitude in degrees (30.25,120.16): not " + text);
        }
        try {
            return new GeoPoint(number(parts[0]), number(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a point is latitude,longitude in degrees (30.25,120.16): not " + text);
        }
    }

    /** A plain decimal number (no hex, no NaN, no Infinity, no {@code d}/{@code f} suffix). */
    private static double number(String s) {
        String t = s.strip();
        if (!t.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new NumberFormatException(s);
        }
        return Double.parseDouble(t);
    }

    /** The great-circle distance to {@code other} in metres, rounded to the metre. */
    public long metresTo(GeoPoint other) {
        double phi1 = Math.toRadians(latitude);
        double phi2 = Math.toRadians(other.latitude);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(other.longitude - longitude);
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
    }

    /** The point {@code metres} due north (south when negative) on the same sphere: for tests at a radius's edge. */
    public GeoPoint north(double metres) {
        return new GeoPoint(latitude + Math.toDegrees(metres / EARTH_RADIUS_M), longitude);
    }
}
