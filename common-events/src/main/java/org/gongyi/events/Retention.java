package org.gongyi.events;

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
 * Deletes what the event plumbing no longer needs, every {@code gongyi.events.purge-every}, in batches, oldest first:
 * <ul>
 *   <li>published outbox rows {@code gongyi.outbox.sent-retention} after they were written (10 minutes: long enough
 *   for an operator to look at what just left, short enough that push tokens and people's data are not kept twice);
 *   a row not yet published stays. The topic is the history — audit replays compare with the published events, not
 *   with these rows;</li>
 *   <li>processed-event records ({@code inbox_processed}) after {@code gongyi.inbox.processed-retention} (7 days, the
 *   broker's offset retention): they stop a record Kafka delivers again (a rebalance before the offset commit) from
 *   applying twice; an older fact sent again under a new id is stopped by the effect's own natural key, as the
 *   redelivery tests prove.</li>
 * </ul>
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    private static final int BATCH = 5_000;

    /** Finds old rows through the BRIN index on created_at; only those the relay has published. */
    private static final String DELETE_SENT_OUTBOX_ROWS = """
            with expired as (
                select id from outbox_event
                where created_at < now() - make_interval(secs => $1)
                  and id <= (select published_through from outbox_relay)
                limit $2)
            delete from outbox_event o using expired where o.id = expired.id""";

    /** Finds old records through the BRIN index on processed_at (rows arrive in time order). */
    private static final String DELETE_OLD_PROCESSED_RECORDS = """
            with expired as (
                select consumer, event_id from inbox_processed
                where processed_at < now() - make_interval(secs => $1)
                limit $2)
            delete from inbox_processed i using expired
            where i.consumer = expired.consumer and i.event_id = expired.event_id""";

    private final Pool pool;
    private final Vertx vertx;
    private final Duration sentRetention;
    private final Duration processedRetention;
    private final Duration every;
    private final Counter outboxPurged;
    private final Counter inboxPurged;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timerId = -1;

    public Retention(
            Pool pool,
            Vertx vertx,
            MeterRegistry registry,
            @ConfigProperty(name = "gongyi.outbox.sent-retention", defaultValue = "10M") Duration sentRetention,
            @ConfigProperty(name = "gongyi.inbox.processed-retention", defaultValue = "7D") Duration processedRetention,
            @ConfigProperty(name = "gongyi.events.purge-every", defaultValue = "1M") Duration every) {
        this.pool = pool;
        this.vertx = vertx;
        this.sentRetention = sentRetention;
        this.processedRetention = processedRetention;
        this.every = every;
        this.outboxPurged = Counter.builder("gongyi.outbox.purged")
                .description("Sent outbox rows deleted after their retention")
                .register(registry);
        this.inboxPurged = Counter.builder("gongyi.inbox.purged")
                .description("Processed-event records deleted after their retention")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(every.toMillis(), id -> {
            if (running.compareAndSet(false, true)) {
                purge().subscribe().with(n -> running.set(false), err -> {
                    running.set(false);
                    LOG.warnf(
                            "Purge of old outbox rows and processed-event records failed, next try in %s: %s",
                            every, err.getMessage());
                });
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** One pass: every expired outbox row and processed-event record; how many rows it deleted. */
    public Uni<Long> purge() {
        return deleteAll(DELETE_SENT_OUTBOX_ROWS, sentRetention, outboxPurged)
                .chain(outbox -> deleteAll(DELETE_OLD_PROCESSED_RECORDS, processedRetention, inboxPurged)
                        .map(inbox -> outbox + inbox));
    }

    private Uni<Long> deleteAll(String statement, Duration retention, Counter counter) {
        return pool.preparedQuery(statement)
                .execute(Tuple.of(retention.toMillis() / 1000.0, BATCH))
                .map(rows -> (long) rows.rowCount())
                .invoke(n -> counter.increment(n))
                .chain(n -> n < BATCH
                        ? Uni.createFrom().item(n)
                        : deleteAll(statement, retention, counter).map(more -> n + more));
    }
}
