package org.gongyi.events.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Deletes outbox rows once Kafka has held them for {@code gongyi.outbox.sent-retention} (10 minutes: long enough for
 * an operator to look at what just left, short enough that push tokens and people's data are not kept twice). The
 * topic is the history — audit replays compare with the published events, not with these rows; the outbox is only
 * the queue in front of it. Runs every {@code gongyi.outbox.purge-every}, in batches, oldest first.
 */
@ApplicationScoped
public class OutboxPurge {

    private static final Logger LOG = Logger.getLogger(OutboxPurge.class);

    private static final int BATCH = 5_000;

    private static final String DELETE_SENT_BEFORE_RETENTION = """
            with expired as (
                select id from outbox_event
                where sent_at < now() - make_interval(secs => $1)
                order by id
                limit $2)
            delete from outbox_event o using expired where o.id = expired.id""";

    private final Pool pool;
    private final Vertx vertx;
    private final Duration retention;
    private final Duration every;
    private final Counter purged;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timerId = -1;

    public OutboxPurge(Pool pool, Vertx vertx, MeterRegistry registry,
                       @ConfigProperty(name = "gongyi.outbox.sent-retention", defaultValue = "10M") Duration retention,
                       @ConfigProperty(name = "gongyi.outbox.purge-every", defaultValue = "1M") Duration every) {
        this.pool = pool;
        this.vertx = vertx;
        this.retention = retention;
        this.every = every;
        this.purged = Counter.builder("gongyi.outbox.purged")
                .description("Sent outbox rows deleted after their retention").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(every.toMillis(), id -> {
            if (running.compareAndSet(false, true)) {
                purge().subscribe().with(n -> running.set(false), err -> {
                    running.set(false);
                    LOG.warnf("Outbox purge failed, next try in %s: %s", every, err.getMessage());
                });
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Deletes every sent row older than the retention, a batch at a time; the number deleted. */
    public Uni<Long> purge() {
        return pool.preparedQuery(DELETE_SENT_BEFORE_RETENTION)
                .execute(Tuple.of(retention.toMillis() / 1000.0, BATCH))
                .map(rows -> (long) rows.rowCount())
                .invoke(n -> purged.increment(n))
                .chain(n -> n < BATCH ? Uni.createFrom().item(n) : purge().map(more -> n + more));
    }
}
