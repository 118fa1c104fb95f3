package org.gongyi.events.contract;

import java.time.Instant;

/** A verified officer published a missing-child alert. Only what the public alert shows is carried. */
public record AlertPublished(
        String caseId,
        String agencyId,
        String title,
        String description,
        double latitude,
        double longitude,
        Instant lostAt,
        Instant publishedAt)
        implements EventData {
    @Override
    public String partitionKey() {
        return caseId;
    }

    @Override
    public String subject() {
        return caseId;
    }
}
