package org.gongyi.events.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.gongyi.events.CloudEventHeaders;
import org.gongyi.events.Traces;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Publishes outbox rows to Kafka in id order. The outbox is append-only: the relay keeps how far it has published
 * ({@code outbox_relay.published_through}) and moves it past a row only after the broker acknowledged it
 * ({@code acks=all}, idempotent producer); {@code outbox_pending} is what is left. While the broker is unreachable the relay retries with exponential
 * backoff; it wakes on the trigger's NOTIFY as soon as new rows commit, and polls as a fallback.
 * One relay per service database runs at a time (transaction-scoped advisory lock), so order per key holds
 * across replicas. Delivery is at least once: consumers deduplicate on {@code ce_id}. Each publish is a producer span
 * continuing the trace stored with the row; its context goes out as the record's {@code traceparent} header.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String CHANNEL = "gongyi-outbox";

    /** A row's outcome before Kafka has answered for it. */
    private static final Throwable UNANSWERED = new IllegalStateException("no answer from Kafka");

    /** How long a pass waits at a hole in the ids for the transactions that may fill it. */
    private static final Duration WRITERS_WAIT = Duration.ofSeconds(5);

    private static final String PUBLISHED_THROUGH = "select published_through from outbox_relay";

    /**
     * The next rows after what was published, in id order, at most {@code $2} of them and {@code $4} bytes of payload
     * (the row that crosses it included, so a pass always has one); {@code $3}: no row past it (ids known final).
     */
    private static final String NEXT_ROWS = """
            select * from (
                select id, event_id, topic, partition_key, ce_type, ce_source, ce_subject, ce_time, payload, caused_by,
                       request_id, traceparent, sum(octet_length(payload)) over (order by id) as bytes_through
                from outbox_event
                where id > $1 and id <= $3
                order by id
                limit $2) r
            where bytes_through - octet_length(payload) < $4
            order by id""";

    private static final String ADVANCE = """
            update outbox_relay set published_through = $1, updated_at = now() where published_through = $2""";

    /**
     * The transactions writing outbox rows at this moment (an insert holds its lock on the table until the transaction
     * ends; it takes it before it is handed an id).
     */
    private static final String WRITERS = """
            select coalesce(array_agg(virtualtransaction), '{}') as writers
            from pg_locks
            where locktype = 'relation' and relation = cast('outbox_event' as regclass) and mode = 'RowExclusiveLock'
              and pid <> pg_backend_pid()""";

    private static final String STILL_RUNNING = """
            select count(*) as running from pg_locks where virtualtransaction = any($1)""";

    private static final String LAST_ID_HANDED_OUT = """
            select coalesce(pg_sequence_last_value(cast(pg_get_serial_sequence('outbox_event', 'id') as regclass)), 0)
                   as last_id""";

    private final Pool pool;
    /** Keeps the channel (and so its producer, its configuration checked by {@code ProducerGuarantees}) connected. */
    private final MutinyEmitter<String> outboxChannel;

    private final KafkaClientService kafka;
    private final Vertx vertx;
    private final OutboxRelayConfig config;
    private final Counter published;
    private final MeterRegistry registry;
    private final Tracer tracer;
    private final AtomicLong pending = new AtomicLong();

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile long timerId = -1;
    private volatile int consecutiveFailures;
    private PgSubscriber subscriber;

    public OutboxRelay(
            Pool pool,
            @Channel(CHANNEL) MutinyEmitter<String> emitter,
            KafkaClientService kafka,
            Vertx vertx,
            OutboxRelayConfig config,
            MeterRegistry registry,
            Tracer tracer) {
        this.pool = pool;
        this.outboxChannel = emitter;
        this.kafka = kafka;
        this.vertx = vertx;
        this.config = config;
        this.tracer = tracer;
        this.registry = registry;
        this.published = Counter.builder("gongyi.outbox.published")
                .description("Outbox events acknowledged by Kafka")
                .register(registry);
        registry.gauge("gongyi.outbox.pending", pending);
    }

    void onStart(
            @Observes StartupEvent event,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        if (!config.enabled()) {
            LOG.info("Outbox relay disabled");
            return;
        }
        listen(url, user, password);
        schedule(0);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** Asks the relay to look for new rows now. */
    public void wake() {
        if (running.get()) {
            wakeRequested.set(true);
        } else {
            schedule(0);
        }
    }

    /** Unsent rows seen by the last pass. */
    public long pending() {
        return pending.get();
    }

    private void listen(String url, Optional<String> user, Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(
                url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        pool.query("select current_schema()")
                .execute()
                .chain(rows -> {
                    String channel = "gongyi_outbox_" + rows.iterator().next().getString(0);
                    subscriber.channel(channel).handler(payload -> wake());
                    return subscriber.connect();
                })
                .subscribe()
                .with(
                        ok -> {
                            LOG.debug("Outbox relay listening for new rows");
                            // rows committed after the first pass but before the LISTEN notified nobody: look now
                            wake();
                        },
                        err -> LOG.warn("Outbox relay cannot listen for new rows; polling only", err));
    }

    private synchronized void schedule(long delayMs) {
        if (stopped) {
            return;
        }
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        timerId = vertx.setTimer(Math.max(1, delayMs), id -> runOnce());
    }

    private void runOnce() {
        if (!running.compareAndSet(false, true)) {
            wakeRequested.set(true);
            return;
        }
        wakeRequested.set(false);
        drain().subscribe()
                .with(
                        result -> {
                            running.set(false);
                            if (result.failure() != null) {
                                onFailure(result.failure());
                            } else {
                                consecutiveFailures = 0;
                                boolean more = result.more() || wakeRequested.getAndSet(false);
                                schedule(more ? 0 : config.pollInterval().toMillis());
                            }
                        },
                        err -> {
                            running.set(false);
                            onFailure(err);
                        });
    }

    private void onFailure(Throwable err) {
        consecutiveFailures++;
        long backoff = Math.min(config.maxBackoff().toMillis(), 100L << Math.min(consecutiveFailures, 16));
        if (consecutiveFailures == 1 || consecutiveFailures % 20 == 0) {
            LOG.warnf(
                    "Outbox relay failed %d time(s), retrying in %d ms: %s",
                    consecutiveFailures, backoff, err.getMessage());
        }
        schedule(backoff);
    }

    /**
     * One pass: lock, read the rows after {@code published_through} in id order, publish them, move
     * {@code published_through} to the last one Kafka acknowledged. Ids are handed out when a row is inserted, not
     * when its transaction commits, so a row can become visible after a row with a higher id: the relay publishes only
     * an unbroken run of ids; at a hole it waits for the writers of the moment to end ({@link #finalThrough}), after
     * which every id up to the last handed out is final, and a hole that remains is a rolled-back row.
     */
    Uni<PassResult> drain() {
        return pool.withTransaction(conn -> conn.query(
                        "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.gongyi_outbox_relay'))")
                .execute()
                .chain(lock -> !lock.iterator().next().getBoolean(0)
                        ? Uni.createFrom().item(PassResult.NONE)
                        : conn.query(PUBLISHED_THROUGH)
                                .execute()
                                .map(rows -> rows.iterator().next().getLong("published_through"))
                                .chain(through -> next(conn, through, Long.MAX_VALUE)
                                        .chain(rows -> {
                                            List<Row> run = unbroken(rows, through);
                                            if (run.size() == rows.size()) {
                                                return publishAndAdvance(conn, through, run, full(run));
                                            }
                                            return finalThrough(conn)
                                                    .chain(last -> last < 0
                                                            ? publishAndAdvance(conn, through, run, true)
                                                            : next(conn, through, last)
                                                                    .chain(all -> publishAndAdvance(
                                                                            conn, through, all, true)));
                                        }))));
    }

    private Uni<List<Row>> next(SqlConnection conn, long through, long last) {
        return conn.preparedQuery(NEXT_ROWS)
                .execute(Tuple.of(through, config.batchSize(), last, config.batchBytes()))
                .map(rows -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    return batch;
                });
    }

    /** Whether a pass read all it may (so more rows may be waiting): as many rows, or as many bytes. */
    private boolean full(List<Row> run) {
        return run.size() == config.batchSize()
                || (!run.isEmpty() && run.get(run.size() - 1).getLong("bytes_through") >= config.batchBytes());
    }

    /** The rows whose ids follow {@code through} without a hole. */
    private static List<Row> unbroken(List<Row> rows, long through) {
        long expected = through + 1;
        int n = 0;
        while (n < rows.size() && rows.get(n).getLong("id") == expected) {
            n++;
            expected++;
        }
        return rows.subList(0, n);
    }

    /**
     * The last id handed out before the writers of the moment, once they have all ended: every id up to it is final,
     * committed or gone for good. Nobody waits for the relay meanwhile. Gives up after {@code WRITERS_WAIT} (a long
     * transaction) with -1: the pass then publishes the rows before the hole only.
     */
    private Uni<Long> finalThrough(SqlConnection conn) {
        long deadline = System.nanoTime() + WRITERS_WAIT.toNanos();
        return conn.query(LAST_ID_HANDED_OUT)
                .execute()
                .map(rows -> rows.iterator().next().getLong("last_id"))
                .chain(last -> conn.query(WRITERS)
                        .execute()
                        .map(rows -> rows.iterator().next().getArrayOfStrings("writers"))
                        .chain(writers -> untilEnded(conn, writers, deadline))
                        .map(ended -> ended ? last : -1L))
                .invoke(last -> registry.counter(
                                "gongyi.outbox.relay.holes", "outcome", last < 0 ? "writers-busy" : "resolved")
                        .increment());
    }

    private Uni<Boolean> untilEnded(SqlConnection conn, String[] writers, long deadline) {
        if (writers.length == 0) {
            return Uni.createFrom().item(true);
        }
        return conn.preparedQuery(STILL_RUNNING).execute(Tuple.of(writers)).chain(rows -> {
            if (rows.iterator().next().getLong("running") == 0) {
                return Uni.createFrom().item(true);
            }
            if (System.nanoTime() > deadline) {
                return Uni.createFrom().item(false);
            }
            return Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(Duration.ofMillis(5))
                    .chain(() -> untilEnded(conn, writers, deadline));
        });
    }

    /** Publishes {@code batch} in order and moves {@code published_through} to the last row acknowledged. */
    private Uni<PassResult> publishAndAdvance(SqlConnection conn, long through, List<Row> batch, boolean more) {
        pending.set(batch.size());
        if (batch.isEmpty()) {
            return Uni.createFrom().item(new PassResult(0, null, more));
        }
        return publish(batch).chain(outcomes -> {
            int acked = 0;
            Throwable failure = null;
            for (Throwable outcome : outcomes) {
                if (outcome != null) {
                    failure = outcome;
                    break;
                }
                acked++;
            }
            Throwable firstFailure = failure;
            if (acked == 0) {
                return Uni.createFrom().item(new PassResult(0, firstFailure, false));
            }
            int sent = acked;
            return conn.preparedQuery(ADVANCE)
                    .execute(Tuple.of(batch.get(sent - 1).getLong("id"), through))
                    .map(r -> {
                        published.increment(sent);
                        // business facts as they leave, committed: donations recorded, trees planted, …
                        for (int i = 0; i < sent; i++) {
                            registry.counter(
                                            "gongyi.events.published",
                                            "type",
                                            batch.get(i).getString("ce_type"))
                                    .increment();
                        }
                        pending.addAndGet(-sent);
                        return new PassResult(sent, firstFailure, more && firstFailure == null);
                    });
        });
    }

    /** The publish of one row: a producer span in the trace of the work that wrote it (a new trace for older rows). */
    private Span publishSpan(Row row) {
        String topic = row.getString("topic");
        return tracer.spanBuilder(topic + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(Traces.parent(Traces.usable(row.getString("traceparent"))))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", row.getUUID("event_id").toString())
                .setAttribute("cloudevents.event_type", row.getString("ce_type"))
                .startSpan();
    }

    /**
     * Sends the rows in order with the {@code gongyi-outbox} channel's producer, on its sending thread (a send can block
     * while the broker is away), one task per pass; each row's outcome (null: acknowledged) once Kafka has answered for
     * all of them, or after {@code gongyi.outbox.relay.send-timeout} (a row still unanswered then counts as failed).
     */
    private Uni<List<Throwable>> publish(List<Row> batch) {
        int n = batch.size();
        List<ProducerRecord<String, String>> records = new ArrayList<>(n);
        List<Span> spans = new ArrayList<>(n);
        for (Row row : batch) {
            Span span = publishSpan(row);
            spans.add(span);
            records.add(toRecord(row, Traces.of(span.getSpanContext())));
        }
        AtomicReferenceArray<Throwable> outcomes = new AtomicReferenceArray<>(n);
        for (int i = 0; i < n; i++) {
            outcomes.set(i, UNANSWERED);
        }
        AtomicInteger unanswered = new AtomicInteger(n);
        CompletableFuture<Void> answered = new CompletableFuture<>();
        KafkaProducer<String, String> producer = kafka.getProducer(CHANNEL);
        return producer.runOnSendingThread(p -> {
                    for (int i = 0; i < n; i++) {
                        int index = i;
                        Callback answer = (metadata, failure) -> {
                            outcomes.set(index, failure);
                            Span span = spans.get(index);
                            if (failure != null) {
                                span.setStatus(StatusCode.ERROR, failure.toString());
                            }
                            span.end();
                            if (unanswered.decrementAndGet() == 0) {
                                answered.complete(null);
                            }
                        };
                        try {
                            p.send(records.get(i), answer);
                        } catch (RuntimeException e) {
                            answer.onCompletion(null, e);
                        }
                    }
                })
                .chain(() -> Uni.createFrom().completionStage(answered))
                .ifNoItem()
                .after(config.sendTimeout())
                .recoverWithItem(() -> null)
                .map(v -> {
                    List<Throwable> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(outcomes.get(i));
                    }
                    return list;
                });
    }

    private static ProducerRecord<String, String> toRecord(Row row, String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, row.getUUID("event_id").toString());
        header(headers, CloudEventHeaders.SOURCE, row.getString("ce_source"));
        header(headers, CloudEventHeaders.TYPE, row.getString("ce_type"));
        header(
                headers,
                CloudEventHeaders.TIME,
                row.getOffsetDateTime("ce_time").toInstant().toString());
        if (row.getString("ce_subject") != null) {
            header(headers, CloudEventHeaders.SUBJECT, row.getString("ce_subject"));
        }
        if (row.getUUID("caused_by") != null) {
            header(
                    headers,
                    CloudEventHeaders.CAUSATION_ID,
                    row.getUUID("caused_by").toString());
        }
        if (row.getString("request_id") != null) {
            header(headers, CloudEventHeaders.REQUEST_ID, row.getString("request_id"));
        }
        if (traceparent != null) {
            header(headers, CloudEventHeaders.TRACEPARENT, traceparent);
        }
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return new ProducerRecord<>(
                row.getString("topic"), null, row.getString("partition_key"), row.getString("payload"), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** What a pass published; {@code more}: another pass should follow at once. */
    record PassResult(int sent, Throwable failure, boolean more) {
        static final PassResult NONE = new PassResult(0, null, false);
    }
}
