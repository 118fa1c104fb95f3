package org.gongyi.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When the launcher starts a crashed service again, as Kubernetes would: after a delay doubling from
 * {@code firstDelay} up to {@code maxDelay} with each crash inside {@code window}, and not at all once it crashed
 * {@code maxCrashes} times inside it (a service that cannot stay up needs a person, not another restart).
 */
public final class RestartPolicy {

    /** What to do about a crash: restart after {@code delay}, or give up ({@code delay} null). */
    public record Decision(Duration delay, int crashesInWindow) {
        public boolean givesUp() {
            return delay == null;
        }
    }

    /** The launcher's: 1 s, 2 s, 4 s … up to 30 s; given up at the fifth crash within 5 minutes. */
    public static RestartPolicy standard() {
        return new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofMinutes(5));
    }

    private final Duration firstDelay;
    private final Duration maxDelay;
    private final int maxCrashes;
    private final Duration window;
    private final Deque<Instant> crashes = new ArrayDeque<>();

    public RestartPolicy(Duration firstDelay, Duration maxDelay, int maxCrashes, Duration window) {
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || maxCrashes < 1 || !window.isPositive()) {
            throw new IllegalArgumentException(
                    "delays from 0 up, the longest not below the first; a crash or more " + "in a positive window");
        }
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.maxCrashes = maxCrashes;
        this.window = window;
    }

    /** A crash at {@code at}: how long to wait before starting the service again, or to give up. */
    public synchronized Decision crashed(Instant at) {
        crashes.addLast(at);
        while (!crashes.getFirst().isAfter(at.minus(window))) {
            crashes.removeFirst();
        }
        int n = crashes.size();
        if (n >= maxCrashes) {
            return new Decision(null, n);
        }
        Duration delay = firstDelay;
        for (int i = 1; i < n && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return new Decision(delay.compareTo(maxDelay) > 0 ? maxDelay : delay, n);
    }

    public int maxCrashes() {
        return maxCrashes;
    }

    public Duration window() {
        return window;
    }
}
