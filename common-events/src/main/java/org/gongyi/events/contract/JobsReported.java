package org.gongyi.events.contract;

import java.time.Instant;
import java.time.YearMonth;

/**
 * The jobs a mothers' business programme's charity reports its mothers' shops created in a month: the latest report
 * of a month replaces the earlier ones.
 */
public record JobsReported(String programmeId, String projectId, YearMonth month, int jobs, Instant reportedAt)
        implements EventData {
    @Override
    public String partitionKey() {
        return programmeId;
    }

    @Override
    public String subject() {
        return programmeId + "/" + month;
    }
}
