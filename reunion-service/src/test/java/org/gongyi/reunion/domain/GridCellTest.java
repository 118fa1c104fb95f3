package org.gongyi.reunion.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class GridCellTest {

    @Test
    void pointsOfOneCellShareItsCentre() {
        assertEquals(new GridCell(30.12, 120.46), GridCell.of(30.1249, 120.4551));
        assertEquals(GridCell.of(30.1151, 120.455), GridCell.of(30.1249, 120.4649));
        assertNotEquals(GridCell.of(30.1249, 120.46), GridCell.of(30.1251, 120.46));
    }

    @Test
    void theEdgesOfTheMapAndTheEquatorAreCellsLikeAnyOther() {
        assertEquals(new GridCell(90, 180), GridCell.of(89.999, 179.996));
        assertEquals(new GridCell(-90, -180), GridCell.of(-90, -180));
        assertEquals(new GridCell(0, 0), GridCell.of(-0.001, 0.004));
        assertEquals(GridCell.of(0.001, -0.004), GridCell.of(-0.001, 0.004), "no -0.0 cell beside 0.0");
    }
}
