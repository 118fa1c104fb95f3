package org.gongyi.reunion.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Sql;
import org.gongyi.events.EventCodec;
import org.gongyi.events.contract.NotificationBatch;
import org.gongyi.events.contract.NotificationBatch.Recipient;
import org.gongyi.events.Tally;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.reunion.domain.RadiusSchedule;
import org.gongyi.reunion.persistence.MissingCase;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.utc;

/**
 * Delivers what is due: a published case to the devices within its radius (100 km, widening with the time since the
 * loss to 500 km, each widening reaching only devices not yet notified), and a closed case's closure to every device
 * that got its alert. A delivery is a row per case and device (written once, so no device is notified twice) and a
 * notification batch of up to {@value #BATCH} devices in the outbox, for the push gateway. One case per transaction;
 * instances share the work ({@code for update skip locked}).
 */
@ApplicationScoped
public class AlertPusher {

    static final int BATCH = 500;
    private static final com.fasterxml.jackson.core.type.TypeReference<List<Recipient>> RECIPIENTS =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };
    private static final Logger LOG = Logger.getLogger(AlertPusher.class);

    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry registry;

    public AlertPusher(Outbox outbox, Clock clock, MeterRegistry registry) {
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
    }

    @Scheduled(every = "${gongyi.reunion.push-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return pushDue().onFailure().invoke(t -> LOG.warnf("pushing alerts failed, will retry: %s", t.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Pushes every case that is due now; returns how many cases were pushed. */
    public Uni<Integer> pushDue() {
        return Multi.createBy().repeating().uni(this::pushOne).whilst(pushed -> pushed)
                .collect().asList().map(l -> (int) l.stream().filter(pushed -> pushed).count());
    }

    /** Claims one due case and pushes it, in one transaction; false when none is due. */
    private Uni<Boolean> pushOne() {
        Instant now = clock.instant();
        return Tally.onCommit(() -> Panache.withTransaction(() -> Sql.strings("select cast(id as text) "
                        + "from missing_case where next_push_at <= ?1 order by next_push_at limit 1 "
                        + "for update skip locked", utc(now))
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(false)
                        : MissingCase.<MissingCase>findById(UUID.fromString(ids.get(0)))
                        .chain(c -> (c.status == MissingCase.Status.PUBLISHED ? alert(c, now) : closure(c, now))
                                .replaceWith(true)))));
    }

    private Uni<Void> alert(MissingCase c, Instant now) {
        int radius = RadiusSchedule.radiusKm(c.lostAt, now);
        Instant next = RadiusSchedule.nextWidening(c.lostAt, now).orElse(null);
        long t0 = System.nanoTime();
        // the devices in reach are read once and kept: the recipients are those whose delivery is new
        return batches("with inside as materialized (select d.id, d.platform, d.push_token "
                                + "from device d, missing_case m where m.id = ?1 and earth_box(m.pos, ?4) @> d.pos "
                                + "and earth_distance(m.pos, d.pos) <= ?4), reached as (insert into alert_delivery "
                                + "(case_id, device_id, radius_km, delivered_at) select ?1, id, ?2, ?3 from inside "
                                + "on conflict do nothing returning device_id), "
                                + "recipients as (select i.id, i.platform, i.push_token from reached r "
                                + "join inside i on i.id = r.device_id) ",
                        c.id, radius, utc(now), radius * 1000.0)
                .call(batches -> send(c, "ALERT", radius, body(c), batches, now))
                .call(() -> Sql.exec("update missing_case set radius_km = ?2, next_push_at = ?3 where id = ?1",
                        c.id, radius, utc(next)))
                .invoke(batches -> {
                    // selecting and recording the recipients and their notification batches (the commit follows)
                    long nanos = System.nanoTime() - t0;
                    registry.timer("gongyi.reunion.fanout", "radius_km", String.valueOf(radius))
                            .record(java.time.Duration.ofNanos(nanos));
                    LOG.infof("case %s: %d new devices within %d km recorded in %d ms", c.id, count(batches), radius,
                            nanos / 1_000_000);
                })
                .replaceWithVoid();
    }

    private Uni<Void> closure(MissingCase c, Instant now) {
        return batches("with told as (update alert_delivery set closure_delivered_at = ?2 where case_id = ?1 "
                                + "and closure_delivered_at is null returning device_id), "
                                + "recipients as (select d.id, d.platform, d.push_token from told t "
                                + "join device d on d.id = t.device_id) ", c.id, utc(now))
                .chain(batches -> send(c, "ALERT_CLOSED", null, closureBody(c), batches, now))
                .chain(() -> Sql.exec("update missing_case set next_push_at = null where id = ?1", c.id))
                .replaceWithVoid();
    }

    /**
     * The recipients that {@code with} (CTEs ending in {@code recipients (id, platform, push_token)}) selects, in
     * batches of {@value #BATCH} put together by PostgreSQL: one JSON array per batch instead of a row per device.
     */
    private static Uni<List<List<Recipient>>> batches(String with, Object... params) {
        return Sql.strings(with + "select cast(json_agg(json_build_object('deviceId', cast(id as text), 'platform', "
                        + "platform, 'pushToken', push_token) order by n) as text) from (select r.*, row_number() over "
                        + "(order by r.id) - 1 as n from recipients r) b group by n / " + BATCH
                        + " order by n / " + BATCH,
                params).map(arrays -> {
                    List<List<Recipient>> batches = new ArrayList<>(arrays.size());
                    for (String array : arrays) {
                        try {
                            batches.add(EventCodec.get().mapper().readValue(array, RECIPIENTS));
                        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                            throw new IllegalStateException("unreadable recipients from PostgreSQL", e);
                        }
                    }
                    return batches;
                });
    }

    private static int count(List<List<Recipient>> batches) {
        return batches.stream().mapToInt(List::size).sum();
    }

    private Uni<Void> send(MissingCase c, String kind, Integer radius, String body, List<List<Recipient>> batches,
                           Instant now) {
        int recipients = count(batches);
        Tally.add(() -> registry.counter("gongyi.reunion.deliveries", "kind", kind).increment(recipients));
        return outbox.appendAll(batches.stream().map(batch -> new NotificationBatch(UUID.randomUUID().toString(), kind,
                c.id.toString(), c.title(), body, radius, batch, now)).toList());
    }

    private static String body(MissingCase c) {
        return "Lost at " + c.lostAt + (c.description == null ? "" : ". " + c.description) + ". Call " + c.contact;
    }

    private static String closureBody(MissingCase c) {
        return c.closure == MissingCase.Closure.FALSE_REPORT ? "This alert was a false report (辟谣)."
                : c.personName + " has been found. Thank you for looking.";
    }
}
