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
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.gongyi.events.CloudEventHeaders;
import org.gongyi.events.Traces;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka in id order. A row is marked sent only after the broker acknowledged it
 * ({@code acks=all}, idempotent producer). While the broker is unreachable the relay retries with exponential
 * backoff; it wakes on the trigger's NOTIFY as soon as new rows commit, and polls as a fallback.
 * One relay per service database runs at a time (transaction-scoped advisory lock), so order per key holds
 * across replicas. Delivery is at least once: consumers deduplicate on {@code ce_id}. Each publish is a producer span
 * continuing the trace stored with the row; its context goes out as the record's {@code traceparent} header.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String SELECT = """
            select id, event_id, topic, partition_key, ce_type, ce_source, ce_subject, ce_time, payload, caused_by,
                   request_id, traceparent
            from outbox_event where sent_at is null order by id limit $1""";

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
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

    public OutboxRelay(Pool pool,
                       @Channel("gongyi-outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                       MutinyEmitter<String> emitter,
                       Vertx vertx, OutboxRelayConfig config, MeterRegistry registry, Tracer tracer) {
        this.pool = pool;
        this.emitter = emitter;
        this.vertx = vertx;
        this.config = config;
        this.tracer = tracer;
        this.registry = registry;
        this.published = Counter.builder("gongyi.outbox.published")
                .description("Outbox events acknowledged by Kafka").register(registry);
        registry.gauge("gongyi.outbox.pending", pending);
    }

    void onStart(@Observes StartupEvent event,
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
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:")
                ? url.substring("vertx-reactive:".length()) : url);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        pool.query("select current_schema()").execute()
                .chain(rows -> {
                    String channel = "gongyi_outbox_" + rows.iterator().next().getString(0);
                    subscriber.channel(channel).handler(payload -> wake());
                    return subscriber.connect();
                })
                .subscribe().with(ok -> LOG.debug("Outbox relay listening for new rows"),
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
        drain().subscribe().with(result -> {
            running.set(false);
            if (result.failure() != null) {
                onFailure(result.failure());
            } else {
                consecutiveFailures = 0;
                boolean more = result.sent() == config.batchSize() || wakeRequested.getAndSet(false);
                schedule(more ? 0 : config.pollInterval().toMillis());
            }
        }, err -> {
            running.set(false);
            onFailure(err);
        });
    }

    private void onFailure(Throwable err) {
        consecutiveFailures++;
        long backoff = Math.min(config.maxBackoff().toMillis(), 100L << Math.min(consecutiveFailures, 16));
        if (consecutiveFailures == 1 || consecutiveFailures % 20 == 0) {
            LOG.warnf("Outbox relay failed %d time(s), retrying in %d ms: %s", consecutiveFailures, backoff,
                    err.getMessage());
        }
        schedule(backoff);
    }

    /** One pass: lock, read a batch in id order, publish it, mark the acknowledged prefix as sent. */
    Uni<PassResult> drain() {
        return pool.withTransaction(conn -> conn
                .query("select pg_try_advisory_xact_lock(hashtext(current_schema() || '.gongyi_outbox_relay'))")
                .execute()
                .chain(lock -> lock.iterator().next().getBoolean(0)
                        ? conn.preparedQuery(SELECT).execute(Tuple.of(config.batchSize()))
                        .chain(rows -> publishAndMark(conn, rows))
                        : Uni.createFrom().item(new PassResult(0, null))));
    }

    private Uni<PassResult> publishAndMark(SqlConnection conn, io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Row> batch = new ArrayList<>();
        rows.forEach(batch::add);
        pending.set(batch.size());
        if (batch.isEmpty()) {
            return Uni.createFrom().item(new PassResult(0, null));
        }
        List<Uni<Throwable>> sends = new ArrayList<>(batch.size());
        for (Row row : batch) {
            Span span = publishSpan(row);
            sends.add(emitter.sendMessage(toMessage(row, Traces.of(span.getSpanContext())))
                    .ifNoItem().after(config.sendTimeout()).fail()
                    .onItem().transform(v -> (Throwable) null)
                    .onFailure().recoverWithItem(t -> t)
                    .invoke(failure -> {
                        if (failure != null) {
                            span.setStatus(StatusCode.ERROR, failure.toString());
                        }
                        span.end();
                    }));
        }
        return Uni.join().all(sends).andFailFast().chain(outcomes -> {
            List<Long> acked = new ArrayList<>();
            Throwable failure = null;
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) != null) {
                    failure = outcomes.get(i);
                    break;
                }
                acked.add(batch.get(i).getLong("id"));
            }
            Throwable firstFailure = failure;
            if (acked.isEmpty()) {
                return Uni.createFrom().item(new PassResult(0, firstFailure));
            }
            return conn.preparedQuery("update outbox_event set sent_at = now() where id = any($1)")
                    .execute(Tuple.of(acked.toArray(new Long[0])))
                    .map(r -> {
                        published.increment(acked.size());
                        // business facts as they leave, committed: donations recorded, trees planted, …
                        for (int i = 0; i < acked.size(); i++) {
                            registry.counter("gongyi.events.published", "type", batch.get(i).getString("ce_type"))
                                    .increment();
                        }
                        pending.addAndGet(-acked.size());
                        return new PassResult(acked.size(), firstFailure);
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

    private static Message<String> toMessage(Row row, String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, row.getUUID("event_id").toString());
        header(headers, CloudEventHeaders.SOURCE, row.getString("ce_source"));
        header(headers, CloudEventHeaders.TYPE, row.getString("ce_type"));
        header(headers, CloudEventHeaders.TIME, row.getOffsetDateTime("ce_time").toInstant().toString());
        if (row.getString("ce_subject") != null) {
            header(headers, CloudEventHeaders.SUBJECT, row.getString("ce_subject"));
        }
        if (row.getUUID("caused_by") != null) {
            header(headers, CloudEventHeaders.CAUSATION_ID, row.getUUID("caused_by").toString());
        }
        if (row.getString("request_id") != null) {
            header(headers, CloudEventHeaders.REQUEST_ID, row.getString("request_id"));
        }
        if (traceparent != null) {
            header(headers, CloudEventHeaders.TRACEPARENT, traceparent);
        }
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("partition_key"))
                .withHeaders(headers)
                .build();
        return Message.of(row.getString("payload")).addMetadata(metadata);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    record PassResult(int sent, Throwable failure) {
    }
}
