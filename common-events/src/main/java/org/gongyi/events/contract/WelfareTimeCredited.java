package org.gongyi.events.contract;

import java.time.Instant;

/**
 * Welfare time credited to a person, in tenths of an hour (1 = 0.1 welfare hour). {@code source} is
 * OFFLINE_SERVICE, DONATION, TREE or BLOOD; {@code sourceRef} identifies what earned it.
 */
public record WelfareTimeCredited(
        String creditId, String userId, String source, String sourceRef, int year, long tenths, Instant creditedAt)
        implements EventData {
    @Override
    public String partitionKey() {
        return userId;
    }

    @Override
    public String subject() {
        return creditId;
    }
}
