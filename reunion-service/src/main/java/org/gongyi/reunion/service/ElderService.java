package org.gongyi.reunion.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Sql;
import org.gongyi.events.Causation;
import org.gongyi.events.contract.LocatorPosition;
import org.gongyi.events.contract.NotificationBatch;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.reunion.api.ElderDtos.NewElder;
import org.gongyi.reunion.api.ElderDtos.Position;
import org.gongyi.reunion.api.ElderDtos.Zone;
import org.gongyi.reunion.domain.SafeZone;
import org.gongyi.reunion.persistence.Elder;
import org.gongyi.reunion.persistence.ElderAlert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.utc;

/**
 * Elderly anti-loss: guardians enrol a person with a locator and a safe zone; positions from the locator move the
 * person in or out of the zone; an exit alerts the guardians (once, cleared on return). Everything about an elder is
 * readable only by their guardians (404 for anyone else); positions are kept for the retention period only.
 */
@ApplicationScoped
public class ElderService {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Outbox outbox;
    private final Clock clock;
    private final Duration retention;
    /** How far a locator's clock may run ahead of the service's. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ElderService.class);

    public ElderService(Outbox outbox, Clock clock,
                        @ConfigProperty(name = "gongyi.reunion.position-retention") Duration retention) {
        this.outbox = outbox;
        this.clock = clock;
        this.retention = retention;
    }

    public int age(Elder e) {
        return clock.instant().atZone(CHINA).getYear() - e.birthYear;
    }

    @WithTransaction
    public Uni<Elder> enrol(String guardian, NewElder in) {
        Instant now = clock.instant();
        int age = now.atZone(CHINA).getYear() - in.birthYear();
        if (age < 60 && (in.condition() == null || in.condition().isBlank())) {
            throw ProblemException.badRequest("Enrol people aged 60 or more, or name the condition that makes them "
                    + "wander");
        }
        return Sql.numbers("select count(*) from elder where locator_id = ?1", in.locatorId()).chain(n -> {
            if (n[0] > 0) {
                throw ProblemException.conflict("Locator " + in.locatorId() + " is already enrolled");
            }
            Elder e = new Elder();
            e.id = UUID.randomUUID();
            e.name = in.name();
            e.birthYear = in.birthYear();
            e.condition = in.condition();
            e.locatorId = in.locatorId();
            zone(e, in.safeZone());
            e.zoneState = SafeZone.State.UNKNOWN;
            e.createdBy = guardian;
            e.createdAt = now;
            return e.<Elder>persistAndFlush().call(() -> Sql.exec("insert into elder_guardian (elder_id, guardian_id, added_at) "
                    + "values (?1, ?2, ?3)", e.id, guardian, utc(now)));
        });
    }

    private static void zone(Elder e, Zone z) {
        e.zoneLatitude = z.latitude();
        e.zoneLongitude = z.longitude();
        e.zoneRadiusM = z.radiusMetres();
    }

    /** The elder, if the caller is one of their guardians; 404 otherwise (whether or not the elder exists). */
    static Uni<Elder> guarded(String guardian, UUID id) {
        return Sql.numbers("select count(*) from elder_guardian where elder_id = ?1 and guardian_id = ?2", id, guardian)
                .chain(n -> {
                    if (n[0] == 0) {
                        throw ProblemException.notFound("You are not a guardian of " + id);
                    }
                    return Elder.<Elder>findById(id);
                });
    }

    @WithSession
    public Uni<Elder> get(String guardian, UUID id) {
        return guarded(guardian, id);
    }

    @WithSession
    public Uni<List<Elder>> mine(String guardian) {
        return Sql.strings("select cast(elder_id as text) from elder_guardian where guardian_id = ?1", guardian)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Elder>of())
                        : Elder.list("id in ?1", Sort.by("createdAt").and("id"),
                        ids.stream().map(UUID::fromString).toList()));
    }

    @WithTransaction
    public Uni<Elder> moveZone(String guardian, UUID id, Zone z) {
        return guarded(guardian, id).invoke(e -> {
            zone(e, z);
            // judged afresh against the new zone by the next position
            e.zoneState = SafeZone.State.UNKNOWN;
        });
    }

    @WithTransaction
    public Uni<List<String>> addGuardian(String guardian, UUID id, String other) {
        return guarded(guardian, id)
                .call(e -> Sql.exec("insert into elder_guardian (elder_id, guardian_id, added_at) values (?1, ?2, ?3) "
                        + "on conflict do nothing", id, other, utc(clock.instant())))
                .chain(e -> Sql.strings("select guardian_id from elder_guardian where elder_id = ?1 order by added_at, "
                        + "guardian_id", id));
    }

    /** Positions within the retention period, newest first. */
    @WithSession
    public Uni<List<Position>> positions(String guardian, UUID id, int limit) {
        return guarded(guardian, id).chain(e -> Sql.rows("select latitude, longitude, recorded_at from elder_position "
                        + "where elder_id = ?1 and recorded_at >= ?2 order by recorded_at desc limit ?3",
                r -> new Position(((Number) r[0]).doubleValue(), ((Number) r[1]).doubleValue(),
                        Sql.instant(r[2])), id, utc(clock.instant().minus(retention)), limit));
    }

    @WithSession
    public Uni<List<ElderAlert>> alerts(String guardian, UUID id) {
        return guarded(guardian, id).chain(e -> ElderAlert.<ElderAlert>find("elderId",
                Sort.by("leftAt").descending(), id).page(0, 200).list());
    }

    /**
     * A locator position (in the consumer's transaction). Positions older than the retention period are dropped;
     * older than the last one seen, they are kept but do not move the person in or out of the zone; one the person
     * already has (the same time, sent again) changes nothing; one more than five minutes ahead of now is not taken.
     */
    public Uni<Void> record(LocatorPosition p) {
        Instant now = clock.instant();
        if (p.recordedAt().isBefore(now.minus(retention))) {
            return Uni.createFrom().voidItem();
        }
        if (p.recordedAt().isAfter(now.plus(CLOCK_SKEW))) {
            // a position from the future would hide every later one (they would look older): not taken
            LOG.warnf("Locator position %s ahead of now (%s): ignored", p.recordedAt(), now);
            return Uni.createFrom().voidItem();
        }
        return Elder.<Elder>find("locatorId", p.locatorId()).firstResult().chain(e -> {
            if (e == null) {
                return Uni.createFrom().voidItem();
            }
            return Sql.exec("insert into elder_position (elder_id, latitude, longitude, recorded_at, received_at, "
                            + "source_event_id) values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing",
                    e.id, p.latitude(), p.longitude(), utc(p.recordedAt()), utc(now), Causation.current())
                    .chain(stored -> stored == 0 ? Uni.createFrom().voidItem() : moved(e, p, now));
        });
    }

    /** A new position of the person: in or out of the safe zone when it is the latest. */
    private Uni<Void> moved(Elder e, LocatorPosition p, Instant now) {
        if (e.lastSeenAt != null && !p.recordedAt().isAfter(e.lastSeenAt)) {
            return Uni.createFrom().voidItem();
        }
        boolean inside = e.zone().contains(p.latitude(), p.longitude());
        SafeZone.Change change = SafeZone.change(e.zoneState, inside);
        e.lastSeenAt = p.recordedAt();
        e.zoneState = inside ? SafeZone.State.INSIDE : SafeZone.State.OUTSIDE;
        e.lastEventId = Causation.current();
        return switch (change) {
            case LEFT -> left(e, p, now);
            case RETURNED -> Sql.exec("update elder_alert set returned_at = ?2, returned_event_id = ?3 "
                    + "where elder_id = ?1 and returned_at is null", e.id, utc(p.recordedAt()), Causation.current())
                    .replaceWithVoid();
            case NONE -> Uni.createFrom().voidItem();
        };
    }

    /** Opens the exit alert and tells the guardians' devices (the push carries no position). */
    private Uni<Void> left(Elder e, LocatorPosition p, Instant now) {
        ElderAlert a = new ElderAlert();
        a.id = UUID.randomUUID();
        a.elderId = e.id;
        a.leftAt = p.recordedAt();
        a.latitude = p.latitude();
        a.longitude = p.longitude();
        a.sourceEventId = Causation.current();
        return a.persist().chain(() -> Sql.rows("select cast(d.id as text), d.platform, d.push_token from device d "
                                + "join elder_guardian g on g.guardian_id = d.owner_id where g.elder_id = ?1 order by d.id",
                        r -> new NotificationBatch.Recipient((String) r[0], (String) r[1], (String) r[2]), e.id))
                .chain(recipients -> {
                    List<NotificationBatch> batches = new ArrayList<>();
                    for (int i = 0; i < recipients.size(); i += AlertPusher.BATCH) {
                        batches.add(new NotificationBatch(UUID.randomUUID().toString(), "ELDER_LEFT_ZONE",
                                e.id.toString(), e.name + " left the safe zone",
                                "Left at " + p.recordedAt() + ". Open the app to see where.", null,
                                List.copyOf(recipients.subList(i, Math.min(recipients.size(), i + AlertPusher.BATCH))),
                                now));
                    }
                    return outbox.appendAll(batches);
                });
    }

    /** Deletes positions past the retention period and the positions on old exit alerts; returns positions deleted. */
    @WithTransaction
    public Uni<Integer> purge() {
        Instant cutoff = clock.instant().minus(retention);
        return Sql.exec("delete from elder_position where recorded_at < ?1", utc(cutoff))
                .call(() -> Sql.exec("update elder_alert set latitude = null, longitude = null where left_at < ?1 "
                        + "and latitude is not null", utc(cutoff)));
    }
}
