package org.gongyi.events.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.persistence.Db;
import org.gongyi.events.Causation;
import org.gongyi.events.CloudEventHeaders;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.InvalidEventException;
import org.gongyi.events.Tally;
import org.gongyi.events.Traces;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The idempotent inbox. {@link #process} decodes a Kafka record into a CloudEvent, then, in one database
 * transaction, records its id as processed by {@code consumer} and applies the effect; an id already recorded
 * changes nothing. An {@link InvalidEventException} (malformed or schema-invalid event) fails at once so the
 * channel's dead-letter strategy takes the record; a transient failure (database unreachable …) is retried until
 * it passes, other failures a few times with backoff.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    /** Marks events processed by a consumer; returns those not marked before. */
    private static final String MARK_PROCESSED = """
            insert into inbox_processed (consumer, event_id, ce_type, ce_source)
            select cast($1 as varchar), event_id, ce_type, ce_source
            from unnest(cast($2 as uuid[]), cast($3 as text[]), cast($4 as text[])) as e(event_id, ce_type, ce_source)
            on conflict do nothing
            returning event_id
            """;

    /** The next offset to apply, per partition, of the partitions in the poll. */
    private static final String NEXT_OFFSETS = """
            select topic, partition, next_offset
            from inbox_offset
            where consumer = $1
              and (topic, partition) in (select * from unnest(cast($2 as text[]), cast($3 as int[])))
            """;

    /** Moves the partitions' next offsets past the poll (never back: a late batch of a rebalance cannot undo one). */
    private static final String ADVANCE_OFFSETS = """
            insert into inbox_offset (consumer, topic, partition, next_offset, updated_at)
            select cast($1 as varchar), topic, partition, next_offset, now()
            from unnest(cast($2 as text[]), cast($3 as int[]), cast($4 as bigint[])) as p(topic, partition, next_offset)
            on conflict (consumer, topic, partition) do update
                set next_offset = greatest(inbox_offset.next_offset, excluded.next_offset), updated_at = now()
            """;

    /**
     * What stops an event from taking effect twice.
     * <ul>
     *   <li>{@link #EVENT_IDS}: a processed-event record per event id ({@code inbox_processed}), for effects that
     *   have no key of their own in the business;</li>
     *   <li>{@link #NATURAL_KEYS}: every effect of the consumer has a natural key that makes it idempotent (an order
     *   and item, a refund, an action's type and source): a fact sent again, under any event id, changes nothing by
     *   itself. The consumer keeps only the next offset per partition ({@code inbox_offset}) in the effect's
     *   transaction, one row per partition instead of one per event, so a record Kafka delivers again (a rebalance
     *   before the offset commit) is skipped before it is applied.</li>
     * </ul>
     */
    public enum Guard {
        EVENT_IDS,
        NATURAL_KEYS
    }

    /** A partition of a topic. */
    private record Partition(String topic, int number) {}

    /** An event and where it was read from. */
    private record Read(EventEnvelope event, Partition partition, long offset) {}

    private final MeterRegistry registry;
    private final DeadLetters deadLetters;
    private final long maxRetries;
    private final int maxEventBytes;
    private final Duration attemptTimeout;
    private final Tracer tracer;
    private final Db db;

    public Inbox(
            MeterRegistry registry,
            DeadLetters deadLetters,
            Tracer tracer,
            Db db,
            @ConfigProperty(name = "gongyi.inbox.max-retries") long maxRetries,
            @ConfigProperty(name = "gongyi.inbox.max-event-bytes") int maxEventBytes,
            @ConfigProperty(name = "gongyi.inbox.attempt-timeout", defaultValue = "30S") Duration attemptTimeout) {
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.maxRetries = maxRetries;
        this.maxEventBytes = maxEventBytes;
        this.attemptTimeout = attemptTimeout;
        this.tracer = tracer;
        this.db = db;
    }

    /**
     * A batch in one database transaction: invalid records go to the dead-letter topic, the event ids are marked
     * with one multi-row insert, and the effects of the events not seen before run in order. A transient failure
     * retries the batch; if it keeps failing, the batch is taken record by record so that one bad event cannot
     * hold back the others (it ends in the dead-letter topic). Metrics per consumer: {@code gongyi.inbox.batch.size},
     * {@code gongyi.inbox.batch.decode} (parsing and schema checks) and {@code gongyi.inbox.batch.duration} (all of it).
     */
    public Uni<Void> processBatch(
            String consumer, List<ConsumerRecord<String, String>> records, Function<EventEnvelope, Uni<Void>> effect) {
        return processBatch(consumer, records, effect, null);
    }

    /** A poll of a batch consumer ({@code @Incoming} of {@code ConsumerRecords}), as {@link #processBatch}. */
    public Uni<Void> processPoll(
            String consumer,
            ConsumerRecords<String, String> poll,
            Function<EventEnvelope, Uni<Void>> effect,
            RunEffect runEffect) {
        return processPoll(consumer, Guard.EVENT_IDS, poll, effect, runEffect);
    }

    /** As {@link #processPoll(String, org.apache.kafka.clients.consumer.ConsumerRecords, Function, RunEffect)}. */
    public Uni<Void> processPoll(
            String consumer,
            Guard guard,
            ConsumerRecords<String, String> poll,
            Function<EventEnvelope, Uni<Void>> effect,
            RunEffect runEffect) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>(poll.count());
        poll.forEach(records::add);
        return processBatch(consumer, guard, records, effect, runEffect, true);
    }

    /**
     * As {@link #processBatch(String, List, Function)}; {@code runEffect}, when given, takes a run of consecutive
     * new events that {@code runEffect.accepts} at once (set-based), the others go one by one to {@code effect}.
     */
    public Uni<Void> processBatch(
            String consumer,
            List<ConsumerRecord<String, String>> records,
            Function<EventEnvelope, Uni<Void>> effect,
            RunEffect runEffect) {
        return processBatch(consumer, Guard.EVENT_IDS, records, effect, runEffect, true);
    }

    private Uni<Void> processBatch(
            String consumer,
            Guard guard,
            List<ConsumerRecord<String, String>> records,
            Function<EventEnvelope, Uni<Void>> effect,
            RunEffect runEffect,
            boolean fallBackToOneByOne) {
        long started = System.nanoTime();
        List<Read> reads = new ArrayList<>(records.size());
        List<Uni<Void>> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                reads.add(new Read(decode(record), new Partition(record.topic(), record.partition()), record.offset()));
            } catch (InvalidEventException e) {
                count(consumer, header(record, "ce_type"), "dead-lettered");
                LOG.warnf(
                        "%s: dead-lettering %s-%d@%d: %s",
                        consumer, record.topic(), record.partition(), record.offset(), e.getMessage());
                dead.add(deadLetters.send(record, e));
            }
        }
        // sent once, even when the batch is retried
        Uni<Void> deadLettered = dead.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(dead).andFailFast().replaceWithVoid().memoize().indefinitely();
        if (reads.isEmpty()) {
            return deadLettered;
        }
        List<EventEnvelope> events = reads.stream().map(Read::event).toList();
        long decoded = System.nanoTime();
        registry.timer("gongyi.inbox.batch.decode", "consumer", consumer)
                .record(decoded - started, TimeUnit.NANOSECONDS);
        Uni<Void> applied = untilReachable(
                consumer,
                Tally.onCommit(() -> db.transaction(() -> guard == Guard.EVENT_IDS
                        ? markBatch(consumer, events)
                                .chain(fresh -> applyInOrder(consumer, events, fresh, effect, runEffect, true))
                        : notYetApplied(consumer, reads)
                                .chain(fresh -> applyInOrder(consumer, events, fresh, effect, runEffect, true))
                                .chain(() -> advance(consumer, records)))));
        return deadLettered
                .chain(() -> applied)
                .invoke(() -> {
                    registry.timer("gongyi.inbox.batch.duration", "consumer", consumer)
                            .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    registry.summary("gongyi.inbox.batch.size", "consumer", consumer)
                            .record(events.size());
                })
                .onFailure(t -> !(t instanceof InvalidEventException))
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .atMost(Math.min(maxRetries, 5))
                .onFailure(t -> fallBackToOneByOne)
                .recoverWithUni(t -> {
                    LOG.warnf(
                            "%s: batch of %d failed (%s); processing it record by record",
                            consumer, records.size(), t.toString());
                    registry.counter("gongyi.inbox.batch.fallbacks", "consumer", consumer)
                            .increment();
                    return guard == Guard.EVENT_IDS
                            ? oneByOne(consumer, records, effect)
                            : Multi.createFrom()
                                    .iterable(records)
                                    .onItem()
                                    .transformToUniAndConcatenate(
                                            r -> processBatch(consumer, guard, List.of(r), effect, null, false)
                                                    .onFailure()
                                                    .recoverWithUni(e -> deadLetters.send(r, e)))
                                    .collect()
                                    .last()
                                    .replaceWithVoid();
                });
    }

    /** The ids of the events at or after their partition's next offset (the others were applied before). */
    private Uni<Set<String>> notYetApplied(String consumer, List<Read> reads) {
        Set<Partition> partitions = new LinkedHashSet<>();
        reads.forEach(r -> partitions.add(r.partition()));
        String[] topics = partitions.stream().map(Partition::topic).toArray(String[]::new);
        Integer[] numbers = partitions.stream().map(Partition::number).toArray(Integer[]::new);
        return db.list(
                        NEXT_OFFSETS,
                        row -> Map.entry(
                                new Partition(row.getString("topic"), row.getInteger("partition")),
                                row.getLong("next_offset")),
                        consumer,
                        topics,
                        numbers)
                .map(next -> {
                    Map<Partition, Long> nextOffset = new HashMap<>();
                    next.forEach(e -> nextOffset.put(e.getKey(), e.getValue()));
                    Set<String> fresh = new HashSet<>();
                    for (Read r : reads) {
                        if (r.offset() >= nextOffset.getOrDefault(r.partition(), 0L)) {
                            fresh.add(r.event().id().toString());
                        }
                    }
                    return fresh;
                });
    }

    /** Records every partition of the poll as applied up to its last record (dead-lettered ones too). */
    private Uni<Void> advance(String consumer, List<ConsumerRecord<String, String>> records) {
        Map<Partition, Long> next = new LinkedHashMap<>();
        records.forEach(r -> next.merge(new Partition(r.topic(), r.partition()), r.offset() + 1, Math::max));
        String[] topics = next.keySet().stream().map(Partition::topic).toArray(String[]::new);
        Integer[] partitions = next.keySet().stream().map(Partition::number).toArray(Integer[]::new);
        Long[] offsets = next.values().toArray(Long[]::new);
        return db.update(ADVANCE_OFFSETS, consumer, topics, partitions, offsets).replaceWithVoid();
    }

    /**
     * A record as an event for an auditor's replay (see {@link #replay}), or null when it is invalid (it was
     * dead-lettered when it was live). Decoding needs no transaction, so a replay decodes while it applies.
     */
    public EventEnvelope replayable(ConsumerRecord<String, String> record) {
        try {
            return decode(record);
        } catch (InvalidEventException e) {
            return null;
        }
    }

    /**
     * Applies decoded events again in the caller's transaction, for an auditor's replay into a shadow schema: as
     * {@link #processBatch}, except that nothing is retried and nothing is sent anywhere.
     */
    public Uni<Void> replay(
            String consumer,
            Guard guard,
            List<EventEnvelope> events,
            Function<EventEnvelope, Uni<Void>> effect,
            RunEffect runEffect) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // what the effects count (metrics) was counted when the events were live; natural keys need no marks
        Uni<Set<String>> fresh = guard == Guard.EVENT_IDS
                ? markBatch(consumer, events)
                : Uni.createFrom()
                        .item(events.stream().map(e -> e.id().toString()).collect(Collectors.toSet()));
        return Tally.discarding(
                () -> fresh.chain(ids -> applyInOrder(consumer, events, ids, effect, runEffect, false)));
    }

    private Uni<Void> oneByOne(
            String consumer, List<ConsumerRecord<String, String>> records, Function<EventEnvelope, Uni<Void>> effect) {
        return Multi.createFrom()
                .iterable(records)
                .onItem()
                .transformToUniAndConcatenate(
                        r -> process(consumer, r, effect).onFailure().recoverWithUni(t -> deadLetters.send(r, t)))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * Applies the fresh events in order, runs set-based. When {@code traced}, each event is applied in a consumer span
     * that continues the trace it arrived with; the events it causes continue that span.
     */
    private Uni<Void> applyInOrder(
            String consumer,
            List<EventEnvelope> events,
            Set<String> fresh,
            Function<EventEnvelope, Uni<Void>> effect,
            RunEffect runEffect,
            boolean traced) {
        Set<String> pending = new HashSet<>(fresh);
        List<List<EventEnvelope>> steps = new ArrayList<>();
        for (EventEnvelope e : events) {
            if (!pending.remove(e.id().toString())) {
                count(consumer, e.type().ceType(), "duplicate");
                continue;
            }
            boolean joinsRun = runEffect != null
                    && runEffect.accepts(e)
                    && !steps.isEmpty()
                    && runEffect.accepts(steps.get(steps.size() - 1).get(0));
            if (joinsRun) {
                steps.get(steps.size() - 1).add(e);
            } else {
                steps.add(new ArrayList<>(List.of(e)));
            }
        }
        return Multi.createFrom()
                .iterable(steps)
                .onItem()
                .transformToUniAndConcatenate(step -> {
                    Map<UUID, Span> spans = traced ? startSpans(consumer, step) : Map.of();
                    Map<UUID, String> traces = new LinkedHashMap<>();
                    spans.forEach((id, span) -> traces.put(id, Traces.of(span.getSpanContext())));
                    // a run's effect names the cause of each event it emits; a single event is the cause of all
                    Uni<Void> applied = runEffect != null && runEffect.accepts(step.get(0))
                            ? Causation.within(null, traces, () -> runEffect.apply(step))
                            : Causation.within(step.get(0), traces, () -> effect.apply(step.get(0)));
                    return applied.invoke(() ->
                                    step.forEach(e -> count(consumer, e.type().ceType(), "processed")))
                            .onItemOrFailure()
                            .invoke((ok, failure) -> endSpans(spans, failure));
                })
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * Retries {@code work} for as long as its failures are {@link Failures#isTransient transient}: while the database
     * is away nothing is acknowledged, nothing is dead-lettered, and the batch takes effect once it is back.
     */
    private Uni<Void> untilReachable(String consumer, Uni<Void> work) {
        // an attempt that never ends (a connection lost while the pool was handing it out) is a transient failure too
        return work.ifNoItem()
                .after(attemptTimeout)
                .failWith(() -> new TimeoutException("no result after " + attemptTimeout.toSeconds() + " s"))
                .onFailure(Failures::isTransient)
                .invoke(t -> {
                    LOG.warnf("%s: database unreachable (%s); retrying until it is back", consumer, t.toString());
                    registry.counter("gongyi.inbox.transient.failures", "consumer", consumer)
                            .increment();
                })
                .onFailure(Failures::isTransient)
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .indefinitely();
    }

    /** A consumer span per event, each a child of the trace the event arrived with (or a new trace). */
    private Map<UUID, Span> startSpans(String consumer, List<EventEnvelope> events) {
        Map<UUID, Span> spans = new LinkedHashMap<>();
        for (EventEnvelope e : events) {
            spans.put(
                    e.id(),
                    tracer.spanBuilder(e.type().topic().topicName() + " process")
                            .setSpanKind(SpanKind.CONSUMER)
                            .setParent(Traces.parent(e.traceparent()))
                            .setAttribute("messaging.system", "kafka")
                            .setAttribute("messaging.operation.type", "process")
                            .setAttribute(
                                    "messaging.destination.name",
                                    e.type().topic().topicName())
                            .setAttribute("messaging.consumer.group.name", consumer)
                            .setAttribute("messaging.message.id", e.id().toString())
                            .setAttribute("cloudevents.event_type", e.type().ceType())
                            .startSpan());
        }
        return spans;
    }

    private static void endSpans(Map<UUID, Span> spans, Throwable failure) {
        for (Span span : spans.values()) {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, failure.toString());
            }
            span.end();
        }
    }

    /** A set-based effect for runs of consecutive events of the kinds it accepts. */
    public interface RunEffect {
        boolean accepts(EventEnvelope event);

        Uni<Void> apply(List<EventEnvelope> run);

        /** The effect {@code apply} for runs of the events {@code accepts} takes. */
        static RunEffect of(Predicate<EventEnvelope> accepts, Function<List<EventEnvelope>, Uni<Void>> apply) {
            return new RunEffect() {
                @Override
                public boolean accepts(EventEnvelope event) {
                    return accepts.test(event);
                }

                @Override
                public Uni<Void> apply(List<EventEnvelope> run) {
                    return apply.apply(run);
                }
            };
        }
    }

    /** Marks the events processed with one statement; returns the ids that were not marked before. */
    private Uni<Set<String>> markBatch(String consumer, List<EventEnvelope> events) {
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = events.get(i).id();
            types[i] = events.get(i).type().ceType();
            sources[i] = events.get(i).source();
        }
        return db.list(MARK_PROCESSED, row -> row.getUUID("event_id").toString(), consumer, ids, types, sources)
                .map(HashSet::new);
    }

    public Uni<Void> process(
            String consumer, ConsumerRecord<String, String> record, Function<EventEnvelope, Uni<Void>> effect) {
        return untilReachable(
                        consumer,
                        Uni.createFrom()
                                .item(() -> decode(record))
                                .chain(event -> processOnce(consumer, event, effect)))
                .onFailure(t -> !(t instanceof InvalidEventException))
                .invoke(t -> LOG.warnf(
                        "%s: processing %s-%d@%d failed, will retry: %s",
                        consumer, record.topic(), record.partition(), record.offset(), t.toString()))
                .onFailure(t -> !(t instanceof InvalidEventException))
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .atMost(maxRetries)
                .onFailure(InvalidEventException.class)
                .invoke(t -> {
                    count(consumer, header(record, "ce_type"), "dead-lettered");
                    LOG.warnf(
                            "%s: dead-lettering %s-%d@%d: %s",
                            consumer, record.topic(), record.partition(), record.offset(), t.getMessage());
                });
    }

    private Uni<Void> processOnce(String consumer, EventEnvelope event, Function<EventEnvelope, Uni<Void>> effect) {
        return Tally.onCommit(() ->
                db.transaction(() -> markProcessed(consumer, event).chain(first -> {
                    if (!first) {
                        count(consumer, event.type().ceType(), "duplicate");
                        return Uni.createFrom().voidItem();
                    }
                    Map<UUID, Span> spans = startSpans(consumer, List.of(event));
                    return Causation.within(
                                    event,
                                    Map.of(
                                            event.id(),
                                            Traces.of(spans.get(event.id()).getSpanContext())),
                                    () -> effect.apply(event))
                            .invoke(() -> count(consumer, event.type().ceType(), "processed"))
                            .onItemOrFailure()
                            .invoke((ok, failure) -> endSpans(spans, failure));
                })));
    }

    /** Records the event as processed in the current transaction; false when it already was. */
    public Uni<Boolean> markProcessed(String consumer, EventEnvelope event) {
        return markBatch(consumer, List.of(event)).map(fresh -> !fresh.isEmpty());
    }

    /**
     * The record as an event; an {@link InvalidEventException} when it is larger than {@code gongyi.inbox.max-event-bytes},
     * not a valid CloudEvent of its type, or of a type the platform does not know (dead-lettered: it can be re-driven
     * once the consumer knows the type, rather than silently skipped).
     */
    private EventEnvelope decode(ConsumerRecord<String, String> record) {
        String value = record.value();
        if (value != null
                && value.length() > maxEventBytes / 3
                && value.getBytes(StandardCharsets.UTF_8).length > maxEventBytes) {
            throw new InvalidEventException("oversized: " + value.getBytes(StandardCharsets.UTF_8).length
                    + " bytes, the limit is " + maxEventBytes);
        }
        EventEnvelope event = EventCodec.get().decodeRecord(name -> header(record, name), record.key(), value);
        if (event == null) {
            throw new InvalidEventException("unknown event type " + header(record, "ce_type"));
        }
        // provenance: a type arrives on its own topic only (whoever may write to one topic cannot mint another's facts)
        String home = event.type().topic().topicName();
        if (!home.equals(record.topic())) {
            throw new InvalidEventException(
                    event.type().ceType() + " belongs on topic " + home + ", not on " + record.topic());
        }
        return event;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        return CloudEventHeaders.text(r.headers(), name);
    }

    /** Counts an event's outcome once the transaction that decided it commits ({@link Tally}). */
    private void count(String consumer, String type, String outcome) {
        Tally.add(() -> registry.counter(
                        "gongyi.inbox.events",
                        "consumer",
                        consumer,
                        "type",
                        type == null ? "none" : type,
                        "outcome",
                        outcome)
                .increment());
    }
}
