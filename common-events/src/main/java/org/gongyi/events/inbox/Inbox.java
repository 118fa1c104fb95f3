package org.gongyi.events.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.InvalidEventException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * The idempotent inbox. {@link #process} decodes a Kafka record into a CloudEvent, then, in one database
 * transaction, records its id as processed by {@code consumer} and applies the effect; an id already recorded
 * changes nothing. An {@link InvalidEventException} (malformed or schema-invalid event) fails at once so the
 * channel's dead-letter strategy takes the record; other failures (database down …) are retried with backoff.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private static final String MARK = """
            insert into inbox_processed (consumer, event_id, ce_type, ce_source)
            values (:consumer, cast(:id as uuid), :type, :source) on conflict do nothing""";

    private final MeterRegistry registry;
    private final long maxRetries;

    public Inbox(MeterRegistry registry, @ConfigProperty(name = "gongyi.inbox.max-retries") long maxRetries) {
        this.registry = registry;
        this.maxRetries = maxRetries;
    }

    public Uni<Void> process(String consumer, ConsumerRecord<String, String> record,
                             Function<EventEnvelope, Uni<Void>> effect) {
        return Uni.createFrom().item(() -> decode(record))
                .chain(event -> event == null ? ignored(consumer, record) : processOnce(consumer, event, effect))
                .onFailure(t -> !(t instanceof InvalidEventException)).invoke(t ->
                        LOG.warnf("%s: processing %s-%d@%d failed, will retry: %s", consumer, record.topic(),
                                record.partition(), record.offset(), t.toString()))
                .onFailure(t -> !(t instanceof InvalidEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(maxRetries)
                .onFailure(InvalidEventException.class).invoke(t -> {
                    count(consumer, "unknown", "invalid");
                    LOG.warnf("%s: dead-lettering %s-%d@%d: %s", consumer, record.topic(), record.partition(),
                            record.offset(), t.getMessage());
                });
    }

    private Uni<Void> processOnce(String consumer, EventEnvelope event, Function<EventEnvelope, Uni<Void>> effect) {
        return Panache.withTransaction(() -> markProcessed(consumer, event)
                .chain(first -> {
                    if (!first) {
                        count(consumer, event.type().ceType(), "duplicate");
                        return Uni.createFrom().voidItem();
                    }
                    return effect.apply(event).invoke(() -> count(consumer, event.type().ceType(), "processed"));
                }));
    }

    private Uni<Void> ignored(String consumer, ConsumerRecord<String, String> record) {
        count(consumer, header(record, "ce_type"), "ignored");
        return Uni.createFrom().voidItem();
    }

    /** Records the event as processed in the current transaction; false when it already was. */
    public Uni<Boolean> markProcessed(String consumer, EventEnvelope event) {
        return Panache.getSession().chain(session -> session.createNativeQuery(MARK)
                .setParameter("consumer", consumer)
                .setParameter("id", event.id().toString())
                .setParameter("type", event.type().ceType())
                .setParameter("source", event.source())
                .executeUpdate()).map(rows -> rows == 1);
    }

    private static EventEnvelope decode(ConsumerRecord<String, String> record) {
        return EventCodec.get().decodeRecord(name -> header(record, name), record.key(), record.value());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void count(String consumer, String type, String outcome) {
        registry.counter("gongyi.inbox.events", "consumer", consumer, "type", type == null ? "none" : type,
                "outcome", outcome).increment();
    }
}
