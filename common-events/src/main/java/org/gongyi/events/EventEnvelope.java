package org.gongyi.events;

import org.gongyi.common.persistence.Ids;
import org.gongyi.events.contract.EventData;

import java.time.Instant;
import java.util.UUID;

/**
 * One CloudEvent: its attributes and its typed data.
 *
 * @param id      {@code ce_id}, unique per event; consumers deduplicate on it
 * @param source  {@code ce_source}, the emitting service
 * @param type    the event type ({@code ce_type})
 * @param time    {@code ce_time}, when the fact happened in the emitting service
 * @param subject {@code ce_subject}, the aggregate the event is about
 * @param key     the Kafka record key
 * @param causationId {@code ce_causationid}: the event whose processing emitted this one, or null
 * @param requestId {@code ce_requestid}: the {@code X-Request-Id} of the request that led to it, or null
 * @param traceparent the W3C trace context it arrived with ({@code traceparent} header), or null
 */
public record EventEnvelope(
        UUID id,
        String source,
        EventType type,
        Instant time,
        String subject,
        String key,
        EventData data,
        UUID causationId,
        String requestId,
        String traceparent) {

    public static EventEnvelope of(String source, EventData data, Instant time) {
        return new EventEnvelope(
                Ids.next(),
                source,
                EventType.of(data),
                time,
                data.subject(),
                data.partitionKey(),
                data,
                null,
                null,
                null);
    }

    /** This event, caused by the event {@code cause}. */
    public EventEnvelope causedBy(UUID cause) {
        return new EventEnvelope(id, source, type, time, subject, key, data, cause, requestId, traceparent);
    }

    /** This event, caused by the event {@code cause} that came with {@code requestId} (null: the current one's). */
    public EventEnvelope causedBy(UUID cause, String requestId) {
        return new EventEnvelope(id, source, type, time, subject, key, data, cause, requestId, traceparent);
    }

    public <T extends EventData> T dataAs(Class<T> type) {
        return type.cast(data);
    }
}
