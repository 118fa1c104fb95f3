package org.gongyi.volunteer.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GeoPointTest {

    static final GeoPoint WEST_LAKE = new GeoPoint(30.2500, 120.1500);

    @Test
    void distancesAreToTheMetreOnEarthdistancesSphere() {
        assertEquals(0, WEST_LAKE.metresTo(WEST_LAKE));
        for (int m : new int[] {1, 10, 499, 500, 501, 2_000, 2_001, 10_000}) {
            assertEquals(m, WEST_LAKE.metresTo(WEST_LAKE.north(m)), m + " m north");
            assertEquals(m, WEST_LAKE.north(m).metresTo(WEST_LAKE), m + " m back south");
        }
        // to the nearest metre
        assertEquals(501, WEST_LAKE.metresTo(WEST_LAKE.north(500.51)));
        assertEquals(500, WEST_LAKE.metresTo(WEST_LAKE.north(500.49)));
        // a degree of latitude on the sphere of 6,378,168 m
        assertEquals(111_320, new GeoPoint(0, 0).metresTo(new GeoPoint(1, 0)));
        // West Lake to the Bund, about 167 km
        assertEquals(167_184, WEST_LAKE.metresTo(new GeoPoint(31.2304, 121.4737)));
    }

    @Test
    void theEdgesOfTheMapArePoints() {
        assertEquals(new GeoPoint(-90, -180), GeoPoint.parse("-90,-180"));
        assertEquals(new GeoPoint(90, 180), GeoPoint.parse("90,180"));
        assertEquals(new GeoPoint(30.25, 120.16), GeoPoint.parse(" 30.25 , +120.16 "));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "30.25",
                "30.25,",
                ",120.16",
                "30.25,120.16,5",
                "30.25;120.16",
                "abc,def",
                "NaN,0",
                "Infinity,0",
                "0x1p3,0",
                "30.25d,120",
                "90.000001,0",
                "-90.5,0",
                "0,180.000001",
                "0,-181"
            })
    void anythingElseIsNotAPoint(String text) {
        assertThrows(IllegalArgumentException.class, () -> GeoPoint.parse(text));
    }
}
