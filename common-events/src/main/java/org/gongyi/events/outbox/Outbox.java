package org.gongyi.events.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.persistence.Sql;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.contract.EventData;

import java.util.List;

/**
 * Writes events to the transactional outbox. Call it inside the transaction that makes the state change
 * ({@code @WithTransaction} / {@code Panache.withTransaction}); the event leaves only if that transaction commits.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event (event_id, topic, partition_key, ce_type, "
            + "ce_source, ce_subject, ce_time, payload) ";

    private final String source;

    public Outbox(@ConfigProperty(name = "quarkus.application.name") String source) {
        this.source = source;
    }

    public Uni<EventEnvelope> append(EventData data) {
        return append(EventEnvelope.of(source, data));
    }

    /** Appends many events with one multi-row insert, in list order. */
    public Uni<Void> appendAll(List<? extends EventData> data) {
        return insert(data.stream().map(d -> EventEnvelope.of(source, d)).toList());
    }

    public Uni<EventEnvelope> append(EventEnvelope event) {
        return insert(List.of(event)).replaceWith(event);
    }

    private static Uni<Void> insert(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Sql.Rows rows = Sql.Rows.of("uuid", "text", "text", "text", "text", "text", "timestamptz", "text");
        for (EventEnvelope e : events) {
            rows.add(e.id(), e.type().topic().topicName(), e.key(), e.type().ceType(), e.source(), e.subject(),
                    e.time(), EventCodec.get().toJson(e.data()));
        }
        return Sql.exec(INSERT + rows.select(), rows.params()).replaceWithVoid();
    }
}
