package org.gongyi.events.contract;

import java.time.Instant;

public record TreePlanted(String userId, String certificateNo, String speciesCode, String projectId, String region,
                          long energyGrams, Instant plantedAt) implements EventData {
    @Override
    public String partitionKey() {
        return userId;
    }

    @Override
    public String subject() {
        return certificateNo;
    }
}
