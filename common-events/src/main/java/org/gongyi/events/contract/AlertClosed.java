package org.gongyi.events.contract;

import java.time.Instant;

/**
 * A case closed: {@code closure} FOUND (with an {@code outcome}: RESCUED, RAN_AWAY, LOST, DECEASED, OTHER)
 * or FALSE_REPORT.
 */
public record AlertClosed(String caseId, String closure, String outcome, Instant closedAt) implements EventData {
    @Override
    public String partitionKey() {
        return caseId;
    }

    @Override
    public String subject() {
        return caseId;
    }
}
