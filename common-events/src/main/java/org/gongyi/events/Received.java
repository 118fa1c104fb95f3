package org.gongyi.events;

import org.gongyi.events.contract.EventData;

import java.util.UUID;

/**
 * An event's data as a consumer received it, with its event id (the rows and events it causes name it) and its
 * request id (null: the current request's).
 */
public record Received<T extends EventData>(T data, UUID eventId, String requestId) {

    public static <T extends EventData> Received<T> of(EventEnvelope event, Class<T> type) {
        return new Received<>(event.dataAs(type), event.id(), event.requestId());
    }

    /** The event being applied on this context ({@link Causation#current()}). */
    public static <T extends EventData> Received<T> current(T data) {
        return new Received<>(data, Causation.current(), null);
    }
}
