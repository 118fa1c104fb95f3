package org.gongyi.events.contract;

import java.time.Instant;

public record EnergyCredited(
        String userId,
        String ballId,
        String actionType,
        long grams,
        String sourceRef,
        Instant ripensAt,
        Instant expiresAt,
        Instant creditedAt)
        implements EventData {
    @Override
    public String partitionKey() {
        return userId;
    }

    @Override
    public String subject() {
        return ballId;
    }
}
