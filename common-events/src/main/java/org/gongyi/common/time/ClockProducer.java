package org.gongyi.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The clock domain rules read "now" from: the system clock unless a test provides its own {@link Clock} bean. */
@Singleton
public class ClockProducer {
    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
