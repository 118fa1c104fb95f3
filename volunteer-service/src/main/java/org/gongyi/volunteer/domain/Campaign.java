package org.gongyi.volunteer.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A time-boxed campaign across the four systems (the 9.5 Charity Week, 9.5公益周): the participations it counts are
 * the facts of its {@code actions} that happened in {@code [startsAt, endsAt)} — from the start inclusive to the end
 * exclusive, by when they happened, not when they arrived — each fact once. A campaign is announced at least
 * {@link #NOTICE} before it starts (so every instance counts from its first second) and lasts at most
 * {@link #LONGEST}.
 */
public record Campaign(String name, Instant startsAt, Instant endsAt, Set<Action> actions, long goal) {

    public static final Duration NOTICE = Duration.ofSeconds(10);
    public static final Duration LONGEST = Duration.ofDays(31);

    /** Where a participation happens. */
    public enum Area {
        DONATION,
        FOREST,
        VOLUNTEER,
        REUNION
    }

    /** What counts as taking part, and its system. */
    @Schema(name = "CampaignAction")
    public enum Action {
        /** a donation recorded (donation.recorded) */
        DONATION(Area.DONATION),
        /** a tree planted (forest.tree-planted) */
        TREE_PLANTED(Area.FOREST),
        /** green energy earned by a low-carbon action (forest.energy-credited) */
        ENERGY_EARNED(Area.FOREST),
        /** a sign-up to a volunteer activity */
        SIGN_UP(Area.VOLUNTEER),
        /** a check-in at a volunteer activity */
        CHECK_IN(Area.VOLUNTEER),
        /** the yearly 3-hour pledge taken (once a person a year) */
        PLEDGE(Area.VOLUNTEER),
        /** a lead sent on a missing-child alert (reunion.lead-sent) */
        LEAD(Area.REUNION);

        private final Area area;

        Action(Area area) {
            this.area = area;
        }

        public Area area() {
            return area;
        }
    }

    public Campaign {
        actions = actions == null ? Set.of() : Set.copyOf(actions);
    }

    /** A campaign defined at {@code now}; {@link InvalidCampaignException} saying what is wrong. */
    public static Campaign define(
            String name, Instant startsAt, Instant endsAt, Set<Action> actions, long goal, Instant now) {
        if (!endsAt.isAfter(startsAt)) {
            throw new InvalidCampaignException("the end must be after the start");
        }
        if (Duration.between(startsAt, endsAt).compareTo(LONGEST) > 0) {
            throw new InvalidCampaignException("a campaign lasts at most 31 days");
        }
        if (startsAt.isBefore(now.plus(NOTICE))) {
            throw new InvalidCampaignException("a campaign is announced at least 10 seconds before it starts");
        }
        if (actions == null || actions.isEmpty()) {
            throw new InvalidCampaignException("name at least one action that counts");
        }
        if (goal < 1) {
            throw new InvalidCampaignException("the goal is at least one participation");
        }
        return new Campaign(name, startsAt, endsAt, EnumSet.copyOf(actions), goal);
    }

    /** Whether a fact of {@code action} that happened {@code at} is one of this campaign's participations. */
    public boolean counts(Action action, Instant at) {
        return actions.contains(action) && !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    /** The goal's progress in per cent, two decimals rounded down (100 and more once reached). */
    public BigDecimal progressPercent(long participations) {
        return BigDecimal.valueOf(participations)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(goal), 2, RoundingMode.DOWN);
    }
}
