package org.gongyi.events.contract;

import java.time.Instant;
import java.time.LocalDate;

/** An insurer paid a claim against a health cover bought by a programme: recorded by the programme's charity. */
public record ClaimPaid(
        String programmeId,
        String projectId,
        String claimId,
        String benefitId,
        String beneficiaryId,
        long amountFen,
        LocalDate paidOn,
        Instant recordedAt)
        implements EventData {
    @Override
    public String partitionKey() {
        return programmeId;
    }

    @Override
    public String subject() {
        return claimId;
    }
}
