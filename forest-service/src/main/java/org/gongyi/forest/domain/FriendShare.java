package org.gongyi.forest.domain;

/**
 * What a friend may take from a ripe ball the owner has not collected: the configured share (per cent, rounded down,
 * at least 1 g) of what is left after the friends before them, once per friend; the owner always keeps at least 1 g.
 */
public record FriendShare(int percent) {

    public FriendShare {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("the friends' share is 1..100 per cent, not " + percent);
        }
    }

    /** The grams the next friend takes from a ball with {@code leftGrams} left; 0 when nothing is left to share. */
    public long take(long leftGrams) {
        if (leftGrams <= 1) {
            return 0;
        }
        return Math.min(leftGrams - 1, Math.max(1, leftGrams * percent / 100));
    }
}
