package org.gongyi.forest.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an action earns: {@code CREDITED} ({@code grams} > 0, {@code count} actions counted toward the cap; a note
 * when part of it was over a cap), {@code CAPPED} (a cap was already reached) or {@code REJECTED} (it does not
 * qualify). Capped and rejected actions are recorded with their reason, never dropped silently.
 */
public record EnergyDecision(Status status, long grams, int count, String reason) {

    @Schema(name = "EnergyDecisionStatus")
    public enum Status {
        CREDITED,
        CAPPED,
        REJECTED
    }

    public static EnergyDecision credit(long grams, int count, String note) {
        return new EnergyDecision(Status.CREDITED, grams, count, note);
    }

    public static EnergyDecision capped(String reason) {
        return new EnergyDecision(Status.CAPPED, 0, 0, reason);
    }

    public static EnergyDecision rejected(String reason) {
        return new EnergyDecision(Status.REJECTED, 0, 0, reason);
    }

    public boolean credited() {
        return status == Status.CREDITED;
    }
}
