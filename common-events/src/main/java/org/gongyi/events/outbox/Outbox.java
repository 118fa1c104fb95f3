package org.gongyi.events.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.contract.EventData;

import java.time.ZoneOffset;

/**
 * Writes events to the transactional outbox. Call it inside the transaction that makes the state change
 * ({@code @WithTransaction} / {@code Panache.withTransaction}); the event leaves only if that transaction commits.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            insert into outbox_event (event_id, topic, partition_key, ce_type, ce_source, ce_subject, ce_time, payload)
            values (cast(:id as uuid), :topic, :key, :type, :source, :subject, :time, :payload)""";

    private final String source;

    public Outbox(@ConfigProperty(name = "quarkus.application.name") String source) {
        this.source = source;
    }

    public Uni<EventEnvelope> append(EventData data) {
        return append(EventEnvelope.of(source, data));
    }

    /** Appends many events with one multi-row insert, in list order. */
    public Uni<Void> appendAll(java.util.List<? extends EventData> data) {
        if (data.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("insert into outbox_event (event_id, topic, partition_key, ce_type, "
                + "ce_source, ce_subject, ce_time, payload) values ");
        java.util.List<Object> params = new java.util.ArrayList<>();
        for (EventData d : data) {
            EventEnvelope e = EventEnvelope.of(source, d);
            int n = params.size();
            sql.append(n == 0 ? "" : ", ").append("(cast(?").append(n + 1).append(" as uuid)");
            for (int i = 2; i <= 8; i++) {
                sql.append(", ?").append(n + i);
            }
            sql.append(')');
            params.add(e.id().toString());
            params.add(e.type().topic().topicName());
            params.add(e.key());
            params.add(e.type().ceType());
            params.add(e.source());
            params.add(e.subject());
            params.add(e.time().atOffset(ZoneOffset.UTC));
            params.add(EventCodec.get().toJson(d));
        }
        return Panache.getSession().chain(session -> {
            var q = session.createNativeQuery(sql.toString());
            for (int i = 0; i < params.size(); i++) {
                q.setParameter(i + 1, params.get(i));
            }
            return q.executeUpdate();
        }).replaceWithVoid();
    }

    public Uni<EventEnvelope> append(EventEnvelope event) {
        String payload = EventCodec.get().toJson(event.data());
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", event.id().toString())
                        .setParameter("topic", event.type().topic().topicName())
                        .setParameter("key", event.key())
                        .setParameter("type", event.type().ceType())
                        .setParameter("source", event.source())
                        .setParameter("subject", event.subject())
                        .setParameter("time", event.time().atOffset(ZoneOffset.UTC))
                        .setParameter("payload", payload)
                        .executeUpdate())
                .replaceWith(event);
    }
}
