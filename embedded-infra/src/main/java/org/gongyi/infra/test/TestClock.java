package org.gongyi.infra.test;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: the system clock until a test fixes it; tests reset it when done. A service
 * whose tests use it indexes this module ({@code quarkus.index-dependency}), which makes it the {@link Clock} bean.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Instant fixed;

    public void set(Instant now) {
        fixed = now;
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f == null ? Instant.now() : f;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
