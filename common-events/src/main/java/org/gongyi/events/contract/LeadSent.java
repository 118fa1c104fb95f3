package org.gongyi.events.contract;

import java.time.Instant;

/**
 * Someone sent a lead on a missing-child alert: that they took part, for the campaigns that count it. Neither the case
 * nor what the lead says: those stay with the case's police (the topic forgets it after 30 days).
 */
public record LeadSent(String leadId, String userId, Instant sentAt) implements EventData {
    @Override
    public String partitionKey() {
        return userId;
    }

    @Override
    public String subject() {
        return leadId;
    }
}
