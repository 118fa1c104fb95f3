package org.gongyi.events.contract;

import java.time.Instant;

/**
 * A partner reports a low-carbon action. {@code quantity} is steps for WALKING, otherwise the number of actions.
 * {@code sourceRef} is the partner's unique reference (bill number, ticket number …).
 */
public record LowCarbonActionRecorded(
        String userId,
        String actionType,
        long quantity,
        Instant occurredAt,
        String sourceRef,
        Long amountFen,
        String householdAccount)
        implements EventData {
    @Override
    public String partitionKey() {
        return userId;
    }

    @Override
    public String subject() {
        return sourceRef;
    }
}
