package org.gongyi.forest.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.forest.domain.ForestCalendar;
import org.gongyi.forest.domain.ShieldRule;
import org.gongyi.forest.persistence.EnergyAccount;
import org.gongyi.forest.persistence.EnergyAccounts;
import org.gongyi.forest.persistence.EnergyAction;
import org.gongyi.forest.persistence.EnergyActions;
import org.gongyi.forest.persistence.EnergyBall;
import org.gongyi.forest.persistence.EnergyBalls;
import org.gongyi.forest.persistence.Shields;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user's energy balls and balance: collecting ripe balls moves their energy to the balance. */
@ApplicationScoped
public class BallService {

    static final int MAX_BALLS_SHOWN = 200;

    private final Db db;
    private final EnergyBalls balls;
    private final EnergyAccounts accounts;
    private final EnergyActions actions;
    private final Shields shields;
    private final Clock clock;

    public BallService(
            Db db, EnergyBalls balls, EnergyAccounts accounts, EnergyActions actions, Shields shields, Clock clock) {
        this.shields = shields;
        this.db = db;
        this.balls = balls;
        this.accounts = accounts;
        this.actions = actions;
        this.clock = clock;
    }

    /** The balance and the balls not yet collected, split into ripe and pending (expired ones are gone). */
    public record Energy(EnergyAccount account, List<EnergyBall> ripe, List<EnergyBall> pending) {}

    /**
     * Grams collected, from how many balls, the balance after, and whether this collection earned a shield item
     * ({@link ShieldRule}).
     */
    public record Collected(long grams, int balls, long balanceGrams, boolean shieldItemEarned) {}

    public Uni<Energy> energy(String user) {
        Instant now = clock.instant();
        return accounts.find(user)
                .chain(account -> balls.notCollected(user, now, 2 * MAX_BALLS_SHOWN)
                        .map(open -> new Energy(
                                account == null ? EnergyAccount.empty(user) : account,
                                open.stream()
                                        .filter(b -> !b.ripensAt().isAfter(now))
                                        .limit(MAX_BALLS_SHOWN)
                                        .toList(),
                                open.stream()
                                        .filter(b -> b.ripensAt().isAfter(now))
                                        .limit(MAX_BALLS_SHOWN)
                                        .toList())));
    }

    public Uni<List<EnergyAction>> actions(String user, int page, int size) {
        return actions.page(user, page, size);
    }

    /** Collects one ripe ball of the caller's. */
    public Uni<Collected> collect(String user, UUID ballId) {
        Instant now = clock.instant();
        return db.transaction(() -> balls.collect(ballId, user, now)
                .chain(grams -> grams.isEmpty() ? whyNot(user, ballId, now) : credit(user, grams, now)));
    }

    /** Collects every ripe ball of the caller's. */
    public Uni<Collected> collectAll(String user) {
        Instant now = clock.instant();
        return db.transaction(() -> balls.collectAll(user, now).chain(grams -> credit(user, grams, now)));
    }

    private Uni<Collected> credit(String user, List<Long> grams, Instant now) {
        long total = grams.stream().mapToLong(Long::longValue).sum();
        Uni<Boolean> earned = total == 0
                ? Uni.createFrom().item(false)
                : shields.collectedOn(
                                user, ForestCalendar.day(now), ForestCalendar.weekStart(now), ShieldRule.DAYS, now)
                        .call(yes -> yes
                                ? shields.grant(user, 1, ShieldRule.HOURS)
                                : Uni.createFrom().voidItem());
        return accounts.collect(user, total, now)
                .chain(() -> earned)
                .chain(shield ->
                        accounts.balance(user).map(balance -> new Collected(total, grams.size(), balance, shield)));
    }

    private <T> Uni<T> whyNot(String user, UUID ballId, Instant now) {
        return balls.find(ballId).map(b -> {
            if (b == null || !b.userId().equals(user)) {
                throw ProblemException.notFound("You have no energy ball " + ballId);
            }
            if (b.collectedAt() != null) {
                throw ProblemException.conflict("Ball " + ballId + " was already collected");
            }
            if (!b.expiresAt().isAfter(now)) {
                throw new ProblemException(410, "Gone", "Ball " + ballId + " expired at " + b.expiresAt());
            }
            throw ProblemException.conflict("Ball " + ballId + " is not ripe until " + b.ripensAt());
        });
    }
}
