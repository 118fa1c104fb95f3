package org.gongyi.events.contract;

import java.time.Instant;
import java.util.List;

/**
 * Push notifications for a push gateway to deliver: one message to up to 500 devices. {@code kind} ALERT (a case
 * reaches devices within {@code radiusKm}), ALERT_CLOSED (the outcome, to every device that got the alert),
 * ELDER_LEFT_ZONE (to an elder's guardians) or DEVICE_VERIFICATION (a short-lived code to one device, which a new
 * login types back to take the device over). Keyed by {@code subjectId} (the case, the elder or the device).
 */
public record NotificationBatch(
        String batchId,
        String kind,
        String subjectId,
        String title,
        String body,
        Integer radiusKm,
        List<Recipient> recipients,
        Instant createdAt)
        implements EventData {

    public record Recipient(String deviceId, String platform, String pushToken) {}

    @Override
    public String partitionKey() {
        return subjectId;
    }

    @Override
    public String subject() {
        return batchId;
    }
}
