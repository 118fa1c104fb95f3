package org.gongyi.events.contract;

import java.time.Instant;

/**
 * A campaign counted someone's participation: a chance at the campaign's lucky bags. {@code participationId} names the
 * fact within the campaign (the same fact always has the same id); neither what was done nor where: the chance needs
 * only who and when (the topic forgets it after 30 days).
 */
public record ParticipationCounted(String participationId, String campaignId, String personId, Instant occurredAt)
        implements EventData {
    @Override
    public String partitionKey() {
        return personId;
    }

    @Override
    public String subject() {
        return participationId;
    }
}
