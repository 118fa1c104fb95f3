package org.gongyi.events.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.http.RequestIds;
import org.gongyi.common.persistence.Db;
import org.gongyi.events.Causation;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.Traces;
import org.gongyi.events.contract.EventData;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes events to the transactional outbox. Call it inside the transaction that makes the state change
 * ({@link Db#transaction}); the event leaves only if that transaction commits.
 * An event appended while a consumer applies an event is caused by it ({@link Causation}); an event appended while a
 * request (or an event from one) is handled names its {@link RequestIds request id}. Each row keeps the trace context
 * of the work that wrote it (the span applying its cause, or the request's), which the relay's publish continues.
 */
@ApplicationScoped
public class Outbox {

    /** Many events with one statement (one array per column: the same text for any number), in the given order. */
    private static final String INSERT = """
            insert into outbox_event (event_id, topic, partition_key, ce_type, ce_source, ce_subject, ce_time, payload,
                                      caused_by, request_id, traceparent)
            select event_id, topic, partition_key, ce_type, ce_source, ce_subject, ce_time, payload, caused_by,
                   request_id, traceparent
            from unnest(cast($1 as uuid[]), cast($2 as text[]), cast($3 as text[]), cast($4 as text[]),
                        cast($5 as text[]), cast($6 as text[]), cast($7 as timestamptz[]), cast($8 as text[]),
                        cast($9 as uuid[]), cast($10 as text[]), cast($11 as text[]))
                 with ordinality as e(event_id, topic, partition_key, ce_type, ce_source, ce_subject, ce_time, payload,
                                      caused_by, request_id, traceparent, n)
            order by n
            """;

    private final String source;
    private final Db db;
    private final Clock clock;

    public Outbox(@ConfigProperty(name = "quarkus.application.name") String source, Db db, Clock clock) {
        this.source = source;
        this.db = db;
        this.clock = clock;
    }

    public Uni<EventEnvelope> append(EventData data) {
        return append(envelope(data));
    }

    /** The envelope {@link #append(EventData)} would write, to know its id before appending it. */
    public EventEnvelope envelope(EventData data) {
        return EventEnvelope.of(source, data, clock.instant());
    }

    /** Appends many events with one multi-row insert, in list order. */
    public Uni<Void> appendAll(List<? extends EventData> data) {
        Instant now = clock.instant();
        return insert(data.stream().map(d -> EventEnvelope.of(source, d, now)).toList());
    }

    /** An event to append, caused by another ({@code causeId}), with a request id (null: the current request's). */
    public record Caused(EventData data, UUID causeId, String requestId) {}

    /** As {@link #appendAll}, each event naming its cause and request. */
    public Uni<Void> appendCaused(List<Caused> caused) {
        Instant now = clock.instant();
        List<EventEnvelope> events = new ArrayList<>(caused.size());
        for (Caused c : caused) {
            events.add(EventEnvelope.of(source, c.data(), now).causedBy(c.causeId(), c.requestId()));
        }
        return insert(events);
    }

    public Uni<EventEnvelope> append(EventEnvelope event) {
        return insert(List.of(event)).replaceWith(event);
    }

    private Uni<Void> insert(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        String[] subjects = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[] payloads = new String[n];
        UUID[] causes = new UUID[n];
        String[] requests = new String[n];
        String[] traces = new String[n];
        UUID current = Causation.current();
        String request = RequestIds.current();
        String trace = Traces.current();
        for (int i = 0; i < n; i++) {
            EventEnvelope e = events.get(i);
            UUID cause = e.causationId() != null ? e.causationId() : current;
            String causeTrace = Causation.traceOf(cause);
            ids[i] = e.id();
            topics[i] = e.type().topic().topicName();
            keys[i] = e.key();
            types[i] = e.type().ceType();
            sources[i] = e.source();
            subjects[i] = e.subject();
            times[i] = e.time().atOffset(ZoneOffset.UTC);
            payloads[i] = EventCodec.get().toJson(e.data());
            causes[i] = cause;
            requests[i] = e.requestId() != null ? e.requestId() : request;
            traces[i] = e.traceparent() != null ? e.traceparent() : causeTrace != null ? causeTrace : trace;
        }
        return db.update(INSERT, ids, topics, keys, types, sources, subjects, times, payloads, causes, requests, traces)
                .replaceWithVoid();
    }
}
