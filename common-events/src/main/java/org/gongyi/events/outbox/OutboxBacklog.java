package org.gongyi.events.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox's backlog as operators see it, from the database (whichever replica's relay holds the lock): the rows
 * Kafka has not acknowledged yet and the age of the oldest. Metrics {@code gongyi_outbox_backlog} and
 * {@code gongyi_outbox_oldest_age_seconds}, refreshed every {@code gongyi.outbox.metrics-every}; readiness reads it
 * fresh ({@link OutboxReadiness}).
 */
@ApplicationScoped
public class OutboxBacklog {

    /** Unsent rows, and how long the oldest of them has waited (zero when there is none). */
    public record Backlog(long unsent, Duration oldestAge) {}

    private final Pool pool;
    private final Vertx vertx;
    private final Duration every;
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicLong oldestAgeMs = new AtomicLong();
    private volatile long timerId = -1;

    public OutboxBacklog(
            Pool pool,
            Vertx vertx,
            MeterRegistry registry,
            @ConfigProperty(name = "gongyi.outbox.metrics-every", defaultValue = "5S") Duration every) {
        this.pool = pool;
        this.vertx = vertx;
        this.every = every;
        Gauge.builder("gongyi.outbox.backlog", unsent, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("gongyi.outbox.oldest.age", oldestAgeMs, v -> v.get() / 1000.0)
                .baseUnit("seconds")
                .description("How long the oldest unsent outbox row has waited")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(every.toMillis(), id -> read().subscribe().with(b -> {}, err -> {}));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** The rows after what the relay has published, found by the primary key from the value read just before. */
    private static final String PENDING = """
            select count(*), coalesce(extract(epoch from clock_timestamp() - min(created_at)), 0)
            from outbox_event where id > $1""";

    /** Reads the backlog now (and updates the metrics). */
    public Uni<Backlog> read() {
        return pool.query("select published_through from outbox_relay")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(through -> pool.preparedQuery(PENDING).execute(Tuple.of(through)))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    long ageMs = Math.max(0, (long) (r.getNumeric(1).doubleValue() * 1000));
                    unsent.set(r.getLong(0));
                    oldestAgeMs.set(ageMs);
                    return new Backlog(r.getLong(0), Duration.ofMillis(ageMs));
                });
    }
}
