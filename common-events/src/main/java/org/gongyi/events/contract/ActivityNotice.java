package org.gongyi.events.contract;

import java.time.Instant;
import java.util.List;

/**
 * A notice to the volunteers of an activity, for a notification gateway: {@code kind} CANCELLED (the activity will
 * not take place) or REMINDER (it starts soon). Up to 1,000 volunteers per event. Key: activityId.
 */
public record ActivityNotice(
        String noticeId,
        String kind,
        String activityId,
        String organisationId,
        String title,
        String place,
        Instant startsAt,
        List<String> volunteerIds,
        Instant sentAt)
        implements EventData {
    @Override
    public String partitionKey() {
        return activityId;
    }

    @Override
    public String subject() {
        return noticeId;
    }
}
