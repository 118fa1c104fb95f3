package org.gongyi.events.contract;

import java.time.Instant;

/**
 * A tree planted with a user's energy. {@code sharedWith} (optional, added later) names the co-planter when two
 * users shared the tree, each paying {@code energyGrams} of it; absent or null for a tree planted alone.
 */
public record TreePlanted(
        String userId,
        String certificateNo,
        String speciesCode,
        String projectId,
        String region,
        long energyGrams,
        Instant plantedAt,
        String sharedWith)
        implements EventData {
    @Override
    public String partitionKey() {
        return userId;
    }

    @Override
    public String subject() {
        return certificateNo;
    }
}
