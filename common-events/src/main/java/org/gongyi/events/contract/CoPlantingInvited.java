package org.gongyi.events.contract;

import java.time.Instant;

/**
 * A friend invited {@code partnerId} to plant a tree together (each paying half), for the push gateway to tell them.
 * Keyed by the person invited.
 */
public record CoPlantingInvited(
        String coPlantingId,
        String partnerId,
        String initiatorId,
        String projectId,
        String projectName,
        long partnerGrams,
        Instant invitedAt)
        implements EventData {
    @Override
    public String partitionKey() {
        return partnerId;
    }

    @Override
    public String subject() {
        return coPlantingId;
    }
}
