package org.gongyi.events.replay;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.http.ProblemException;

import java.time.Instant;

/**
 * Which events a replay reads: from the beginning of each partition (nothing given), from an offset (the same
 * offset in every partition), or from a time; to now (the end offsets when it starts) or to a time (exclusive).
 */
public record ReplayRequest(
        @Schema(nullable = true) Long fromOffset,
        @Schema(nullable = true) Instant fromTime,
        @Schema(nullable = true) Instant toTime) {

    public static final ReplayRequest EVERYTHING = new ReplayRequest(null, null, null);

    /** This request, or a 400 saying what is wrong with it. */
    public ReplayRequest validated() {
        if (fromOffset != null && fromTime != null) {
            throw ProblemException.badRequest("Give fromOffset or fromTime, not both");
        }
        if (fromOffset != null && fromOffset < 0) {
            throw ProblemException.badRequest("fromOffset must be 0 or more");
        }
        if (fromTime != null && toTime != null && !toTime.isAfter(fromTime)) {
            throw ProblemException.badRequest("toTime must be after fromTime");
        }
        return this;
    }

    String describeFrom() {
        return fromOffset != null ? "offset " + fromOffset : fromTime != null ? fromTime.toString() : "beginning";
    }

    String describeTo() {
        return toTime != null ? toTime.toString() : "now";
    }
}
