package org.gongyi.events.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.http.RequestIds;
import org.gongyi.common.persistence.Sql;
import org.gongyi.events.Causation;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.Traces;
import org.gongyi.events.contract.EventData;

import java.util.List;
import java.util.UUID;

/**
 * Writes events to the transactional outbox. Call it inside the transaction that makes the state change
 * ({@code @WithTransaction} / {@code Panache.withTransaction}); the event leaves only if that transaction commits.
 * An event appended while a consumer applies an event is caused by it ({@link Causation}); an event appended while a
 * request (or an event from one) is handled names its {@link RequestIds request id}. Each row keeps the trace context
 * of the work that wrote it (the span applying its cause, or the request's), which the relay's publish continues.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event (event_id, topic, partition_key, ce_type, "
            + "ce_source, ce_subject, ce_time, payload, caused_by, request_id, traceparent) ";

    private final String source;

    public Outbox(@ConfigProperty(name = "quarkus.application.name") String source) {
        this.source = source;
    }

    public Uni<EventEnvelope> append(EventData data) {
        return append(envelope(data));
    }

    /** The envelope {@link #append(EventData)} would write, to know its id before appending it. */
    public EventEnvelope envelope(EventData data) {
        return EventEnvelope.of(source, data);
    }

    /** Appends many events with one multi-row insert, in list order. */
    public Uni<Void> appendAll(List<? extends EventData> data) {
        return insert(data.stream().map(d -> EventEnvelope.of(source, d)).toList());
    }

    /** As {@link #appendAll}, each event caused by the event at the same position of {@code causes}. */
    public Uni<Void> appendAll(List<? extends EventData> data, List<UUID> causes) {
        List<EventEnvelope> events = new java.util.ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            events.add(EventEnvelope.of(source, data.get(i)).causedBy(causes.get(i)));
        }
        return insert(events);
    }

    /**
     * As {@link #appendAll(List, List)}, each event also carrying the request id at the same position of
     * {@code requestIds} (a null there: the current request's, as for a single event).
     */
    public Uni<Void> appendAll(List<? extends EventData> data, List<UUID> causes, List<String> requestIds) {
        List<EventEnvelope> events = new java.util.ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            events.add(EventEnvelope.of(source, data.get(i)).causedBy(causes.get(i), requestIds.get(i)));
        }
        return insert(events);
    }

    public Uni<EventEnvelope> append(EventEnvelope event) {
        return insert(List.of(event)).replaceWith(event);
    }

    private static Uni<Void> insert(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Sql.Rows rows = Sql.Rows.of("uuid", "text", "text", "text", "text", "text", "timestamptz", "text", "uuid",
                "text", "text");
        UUID current = Causation.current();
        String request = RequestIds.current();
        String trace = Traces.current();
        for (EventEnvelope e : events) {
            UUID cause = e.causationId() != null ? e.causationId() : current;
            String causeTrace = Causation.traceOf(cause);
            rows.add(e.id(), e.type().topic().topicName(), e.key(), e.type().ceType(), e.source(), e.subject(),
                    e.time(), EventCodec.get().toJson(e.data()), cause, e.requestId() != null ? e.requestId() : request,
                    e.traceparent() != null ? e.traceparent() : causeTrace != null ? causeTrace : trace);
        }
        return Sql.exec(INSERT + rows.select(), rows.params()).replaceWithVoid();
    }
}
