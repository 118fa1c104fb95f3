package org.gongyi.events.contract;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Someone's green energy ripened this morning (07:00 in Shanghai): {@code balls} balls holding {@code grams}, for the
 * push gateway to tell them before friends take their share. Once per person and day.
 */
public record EnergyRipe(String userId, LocalDate day, int balls, long grams, Instant ripeAt) implements EventData {
    @Override
    public String partitionKey() {
        return userId;
    }

    @Override
    public String subject() {
        return userId + "/" + day;
    }
}
