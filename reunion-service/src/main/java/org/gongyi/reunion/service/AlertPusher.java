package org.gongyi.reunion.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.events.Tally;
import org.gongyi.events.contract.NotificationBatch;
import org.gongyi.events.contract.NotificationBatch.Recipient;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.reunion.domain.RadiusSchedule;
import org.gongyi.reunion.persistence.Cases;
import org.gongyi.reunion.persistence.Deliveries;
import org.gongyi.reunion.persistence.MissingCase;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Delivers what is due: a published case to the devices within its radius (100 km, widening with the time since the
 * loss to 500 km, each widening reaching only the ring it adds and the devices that moved into the old disc since), and
 * a closed case's closure to every device that got its alert ({@link Deliveries}: read by cell, what a case reached
 * kept as its last push's snapshot and radius; once the closure is pushed, nothing of it). Notification batches of up to {@value Deliveries#BATCH} devices go to
 * the outbox, for the push gateway. One case per transaction: the case is locked first, then the snapshot the devices
 * are read in is taken and recorded with the radius; instances share the work ({@code for update skip locked}).
 */
@ApplicationScoped
public class AlertPusher {

    private static final Logger LOG = Logger.getLogger(AlertPusher.class);

    private final Db db;
    private final Cases cases;
    private final Deliveries deliveries;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry registry;

    public AlertPusher(Db db, Cases cases, Deliveries deliveries, Outbox outbox, Clock clock, MeterRegistry registry) {
        this.db = db;
        this.cases = cases;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
    }

    @Scheduled(every = "${gongyi.reunion.push-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return pushDue()
                .onFailure()
                .invoke(t -> LOG.warnf("pushing alerts failed, will retry: %s", t.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Pushes every case that is due now; returns how many cases were pushed. */
    public Uni<Integer> pushDue() {
        return Multi.createBy()
                .repeating()
                .uni(this::pushOne)
                .whilst(pushed -> pushed)
                .collect()
                .asList()
                .map(l -> (int) l.stream().filter(pushed -> pushed).count());
    }

    /** Claims one due case and pushes it, in one transaction; false when none is due. */
    private Uni<Boolean> pushOne() {
        Instant now = clock.instant();
        return Tally.onCommit(() -> db.transaction(() -> cases.claimNextDue(now)
                .chain(c -> c == null
                        ? Uni.createFrom().item(false)
                        : (c.status() == MissingCase.Status.PUBLISHED ? alert(c, now) : closure(c, now))
                                .replaceWith(true))));
    }

    /**
     * How many devices lie farther than {@code fromKm} and within {@code toKm} of the case's place, read as its push
     * reads them (null when there is no such case): the fan-out benchmark's reference.
     */
    public Uni<Long> devicesInRing(UUID caseId, int fromKm, int toKm) {
        return cases.find(caseId)
                .chain(c -> c == null ? Uni.createFrom().nullItem() : deliveries.countRing(c, fromKm, toKm));
    }

    private Uni<Void> alert(MissingCase c, Instant now) {
        int radius = RadiusSchedule.radiusKm(c.lostAt(), now);
        Instant next = RadiusSchedule.nextWidening(c.lostAt(), now).orElse(null);
        int reached = c.pushedByCell() && c.radiusKm() != null ? c.radiusKm() : 0;
        String body = body(c);
        long t0 = System.nanoTime();
        return deliveries
                .snapshot()
                .chain(snapshot -> deliveries
                        .reachNewDevices(
                                c, radius, reached, recipients -> send(c, "ALERT", radius, body, recipients, now))
                        .call(count -> cases.pushed(c.id(), radius, next, count, snapshot))
                        .invoke(count -> {
                            // reading the recipients and writing their notification batches (the commit follows)
                            long nanos = System.nanoTime() - t0;
                            registry.timer("gongyi.reunion.fanout", "radius_km", String.valueOf(radius))
                                    .record(Duration.ofNanos(nanos));
                            Tally.add(() -> registry.counter("gongyi.reunion.deliveries", "kind", "ALERT")
                                    .increment(count));
                            LOG.infof(
                                    "case %s: %d new devices within %d km pushed in %d ms",
                                    c.id(), count, radius, nanos / 1_000_000);
                        })
                        .replaceWithVoid());
    }

    private Uni<Void> closure(MissingCase c, Instant now) {
        String body = closureBody(c);
        return deliveries
                .tellClosure(c, recipients -> send(c, "ALERT_CLOSED", null, body, recipients, now))
                .invoke(count -> Tally.add(() -> registry.counter("gongyi.reunion.deliveries", "kind", "ALERT_CLOSED")
                        .increment(count)))
                .chain(() -> cases.closurePushed(c.id()))
                .chain(() -> deliveries.forgetReached(c.id()))
                .replaceWithVoid();
    }

    /** A chunk of recipients as notification batches of up to {@value Deliveries#BATCH}, in the outbox at once. */
    private Uni<Void> send(
            MissingCase c, String kind, Integer radius, String body, List<Recipient> recipients, Instant now) {
        List<NotificationBatch> batches = new ArrayList<>();
        for (int from = 0; from < recipients.size(); from += Deliveries.BATCH) {
            batches.add(new NotificationBatch(
                    UUID.randomUUID().toString(),
                    kind,
                    c.id().toString(),
                    c.title(),
                    body,
                    radius,
                    recipients.subList(from, Math.min(recipients.size(), from + Deliveries.BATCH)),
                    now));
        }
        return outbox.appendAll(batches);
    }

    private static String body(MissingCase c) {
        return "Lost at " + c.lostAt() + (c.description() == null ? "" : ". " + c.description()) + ". Call "
                + c.contact();
    }

    private static String closureBody(MissingCase c) {
        return c.closure() == MissingCase.Closure.FALSE_REPORT
                ? "This alert was a false report (辟谣)."
                : c.personName() + " has been found. Thank you for looking.";
    }
}
