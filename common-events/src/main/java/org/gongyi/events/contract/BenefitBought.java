package org.gongyi.events.contract;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A closed payout of a project bought one benefit of the project's programme for one enrolled beneficiary: a year's
 * health cover ({@code kind} HEALTH_INSURANCE, {@code startsOn}..{@code endsOn} inclusive) or a start-up grant
 * (MOTHERS_BUSINESS, {@code endsOn} null). The beneficiary is named by the platform's opaque id and county only.
 */
public record BenefitBought(
        String programmeId,
        String projectId,
        String kind,
        String benefitId,
        String beneficiaryId,
        String payoutId,
        String county,
        long amountFen,
        LocalDate startsOn,
        LocalDate endsOn,
        Instant boughtAt)
        implements EventData {
    @Override
    public String partitionKey() {
        return programmeId;
    }

    @Override
    public String subject() {
        return benefitId;
    }
}
