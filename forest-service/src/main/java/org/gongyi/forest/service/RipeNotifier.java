package org.gongyi.forest.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.events.contract.EnergyRipe;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.forest.domain.ForestCalendar;
import org.gongyi.forest.persistence.RipeNotices;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Tells people their energy ripened (a {@code forest.energy-ripe} for the push gateway, through the outbox): every
 * half minute ({@code gongyi.forest.ripe-notice-every}; off in the tests, which call {@link #tellAll}), those whose action balls ripened today (from 07:00 in Shanghai; a late action's ball may ripen later)
 * and are not collected, once per person and day, {@value #CHUNK} people a transaction until none is left.
 */
@ApplicationScoped
public class RipeNotifier {

    static final int CHUNK = 2_000;

    private final Db db;
    private final RipeNotices notices;
    private final Outbox outbox;
    private final Clock clock;

    public RipeNotifier(Db db, RipeNotices notices, Outbox outbox, Clock clock) {
        this.db = db;
        this.notices = notices;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(
            every = "${gongyi.forest.ripe-notice-every}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return tellAll().replaceWithVoid();
    }

    /** Tells everyone due now; how many were told. */
    public Uni<Integer> tellAll() {
        Instant now = clock.instant();
        LocalDate day = ForestCalendar.day(now);
        Instant since = day.atStartOfDay(ChinaTime.ZONE).toInstant();
        return tellFrom(now, since, day, 0);
    }

    private Uni<Integer> tellFrom(Instant now, Instant since, LocalDate day, int told) {
        return db.transaction(() -> notices.tellNext(now, since, day, CHUNK)
                        .call(chunk -> outbox.appendAll(chunk.stream()
                                .map(n -> new EnergyRipe(n.userId(), day, n.balls(), n.grams(), now))
                                .toList())))
                .chain(chunk -> chunk.size() < CHUNK
                        ? Uni.createFrom().item(told + chunk.size())
                        : tellFrom(now, since, day, told + chunk.size()));
    }
}
