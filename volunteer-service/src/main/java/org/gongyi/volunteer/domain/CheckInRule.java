package org.gongyi.volunteer.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When and where a volunteer may be checked in at an activity. The time: from {@code grace} before the start to
 * {@code grace} after the end, both instants included (one second earlier or later is refused). The place, when the
 * activity has one: a position the check-in gives must be within the activity's radius ({@link GeoPoint}: to the
 * metre, the radius itself included); a check-in that must give one (the volunteer's own, with the code) and does not
 * is refused; the organisation's own check-in may give none (the organiser sees the volunteer on site).
 */
public record CheckInRule(Instant opensAt, Instant closesAt, GeoPoint place, Integer radiusM) {

    public CheckInRule {
        if (closesAt.isBefore(opensAt)) {
            throw new IllegalArgumentException("check-in closes before it opens");
        }
        if ((place == null) != (radiusM == null)) {
            throw new IllegalArgumentException("a place and its radius go together");
        }
    }

    /** The rule of an activity from {@code startsAt} to {@code endsAt} at {@code place} (or none). */
    public static CheckInRule of(Instant startsAt, Instant endsAt, Duration grace, GeoPoint place, Integer radiusM) {
        return new CheckInRule(startsAt.minus(grace), endsAt.plus(grace), place, radiusM);
    }

    /** Why a check-in is refused. */
    public sealed interface Refusal {
        String reason();
    }

    public record TooEarly(Instant opensAt) implements Refusal {
        public String reason() {
            return "Check-in opens at " + opensAt;
        }
    }

    public record TooLate(Instant closedAt) implements Refusal {
        public String reason() {
            return "Check-in closed at " + closedAt;
        }
    }

    public record PositionNeeded(int radiusM) implements Refusal {
        public String reason() {
            return "This activity checks volunteers in within " + radiusM
                    + " m of its place: send your position (latitude and longitude)";
        }
    }

    public record TooFar(long distanceM, int radiusM) implements Refusal {
        public String reason() {
            return "You are " + distanceM + " m from the activity's place; check-in is within " + radiusM + " m";
        }
    }

    /**
     * Why a check-in at {@code now} from {@code position} (null: none given) is refused, if it is; {@code mustLocate}:
     * this way of checking in must give a position when the activity has a place.
     */
    public Optional<Refusal> refusal(Instant now, GeoPoint position, boolean mustLocate) {
        if (now.isBefore(opensAt)) {
            return Optional.of(new TooEarly(opensAt));
        }
        if (now.isAfter(closesAt)) {
            return Optional.of(new TooLate(closesAt));
        }
        if (place == null) {
            return Optional.empty();
        }
        if (position == null) {
            return mustLocate ? Optional.of(new PositionNeeded(radiusM)) : Optional.empty();
        }
        long distance = place.metresTo(position);
        return distance <= radiusM ? Optional.empty() : Optional.of(new TooFar(distance, radiusM));
    }
}
