package org.gongyi.volunteer.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.events.contract.ActivityNotice;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.volunteer.VolunteerConfig;
import org.gongyi.volunteer.persistence.Activities;
import org.gongyi.volunteer.persistence.Activity;
import org.gongyi.volunteer.persistence.SignUps;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Notices to an activity's volunteers through the outbox ({@code volunteer.activity-notice}, up to
 * {@value #CHUNK} volunteers each): a cancellation to everyone signed up, a reminder to the confirmed ones once,
 * {@code gongyi.volunteer.remind-before} before the start.
 */
@ApplicationScoped
public class ActivityNotices {

    static final int CHUNK = 1000;
    private static final Logger LOG = Logger.getLogger(ActivityNotices.class);

    private final Db db;
    private final Activities activities;
    private final SignUps signUps;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration remindBefore;

    public ActivityNotices(
            Db db, Activities activities, SignUps signUps, Outbox outbox, Clock clock, VolunteerConfig config) {
        this.db = db;
        this.activities = activities;
        this.signUps = signUps;
        this.outbox = outbox;
        this.clock = clock;
        this.remindBefore = config.remindBefore();
    }

    /** In the cancelling transaction: everyone confirmed or wait-listed hears that the activity is cancelled. */
    Uni<Void> cancelled(Activity a) {
        return signUps.usersSignedUp(a.id()).chain(users -> send(a, "CANCELLED", users));
    }

    private Uni<Void> send(Activity a, String kind, List<String> users) {
        Instant now = clock.instant();
        List<ActivityNotice> notices = new ArrayList<>();
        for (int i = 0; i < users.size(); i += CHUNK) {
            notices.add(new ActivityNotice(
                    UUID.randomUUID().toString(),
                    kind,
                    a.id().toString(),
                    a.organisationId(),
                    a.title(),
                    a.place(),
                    a.startsAt(),
                    List.copyOf(users.subList(i, Math.min(users.size(), i + CHUNK))),
                    now));
        }
        return outbox.appendAll(notices);
    }

    @Scheduled(every = "${gongyi.volunteer.remind-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return remindDue()
                .onFailure()
                .invoke(t -> LOG.warnf("sending reminders failed, will retry: %s", t.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Reminds the confirmed volunteers of every open activity starting soon that was not reminded yet. */
    public Uni<Integer> remindDue() {
        return Multi.createBy()
                .repeating()
                .uni(this::remindOne)
                .whilst(done -> done)
                .collect()
                .asList()
                .map(l -> (int) l.stream().filter(done -> done).count());
    }

    private Uni<Boolean> remindOne() {
        Instant now = clock.instant();
        return db.transaction(() -> activities
                .nextToRemind(now, now.plus(remindBefore))
                .chain(a -> a == null
                        ? Uni.createFrom().item(false)
                        : activities
                                .markReminded(a.id(), now)
                                .chain(() -> signUps.usersConfirmed(a.id()))
                                .chain(users ->
                                        users.isEmpty() ? Uni.createFrom().voidItem() : send(a, "REMINDER", users))
                                .replaceWith(true)));
    }
}
