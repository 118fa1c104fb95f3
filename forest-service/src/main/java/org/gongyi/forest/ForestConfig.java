package org.gongyi.forest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** forest-service's own settings ({@code gongyi.forest.*} in its application.properties). */
@ConfigMapping(prefix = "gongyi.forest")
public interface ForestConfig {

    /** The share (per cent) of what is left of a friend's ripe, uncollected ball one may collect. */
    int friendSharePercent();

    /** Grams one watering gives a friend. */
    long wateringGrams();

    /** Waterings of one friend a day. */
    @WithName("waterings-per-friend-per-day")
    int wateringsPerDay();

    /** How often the notifier looks for people whose energy ripened ("off": never; the scheduler reads it). */
    String ripeNoticeEvery();
}
