package org.gongyi.events.contract;

import java.time.Instant;

/** A position reported by an elder's locator device (from the locator gateway). Key: locatorId. */
public record LocatorPosition(String locatorId, double latitude, double longitude, Instant recordedAt)
        implements EventData {
    @Override
    public String partitionKey() {
        return locatorId;
    }

    @Override
    public String subject() {
        return locatorId;
    }
}
