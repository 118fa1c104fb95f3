package org.gongyi.reunion.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A safe zone (centre and radius) and what a new position means for the person's state in it. */
public record SafeZone(double latitude, double longitude, int radiusMetres) {

    @Schema(name = "SafeZoneState")
    public enum State {
        UNKNOWN,
        INSIDE,
        OUTSIDE
    }

    /** What a position changes: the new state, and whether the guardians must be alerted or the alert cleared. */
    public enum Change {
        NONE,
        LEFT,
        RETURNED
    }

    public boolean contains(double lat, double lon) {
        return Geo.distanceMetres(latitude, longitude, lat, lon) <= radiusMetres;
    }

    /** An alert once per exit (a first position outside counts as one), cleared on return. */
    public static Change change(State before, boolean inside) {
        if (inside) {
            return before == State.OUTSIDE ? Change.RETURNED : Change.NONE;
        }
        return before == State.OUTSIDE ? Change.NONE : Change.LEFT;
    }
}
