package org.gongyi.forest.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Sql;
import org.gongyi.forest.persistence.EnergyAccount;
import org.gongyi.forest.persistence.EnergyAccounts;
import org.gongyi.forest.persistence.EnergyAction;
import org.gongyi.forest.persistence.EnergyBall;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.utc;

/** A user's energy balls and balance: collecting ripe balls moves their energy to the balance. */
@ApplicationScoped
public class BallService {

    static final int MAX_BALLS_SHOWN = 200;

    private final Clock clock;

    public BallService(Clock clock) {
        this.clock = clock;
    }

    /** The balance and the balls not yet collected, split into ripe and pending (expired ones are gone). */
    public record Energy(EnergyAccount account, List<EnergyBall> ripe, List<EnergyBall> pending) {
    }

    /** Grams collected, from how many balls, and the balance after. */
    public record Collected(long grams, int balls, long balanceGrams) {
    }

    @WithSession
    public Uni<Energy> energy(String user) {
        Instant now = clock.instant();
        return EnergyAccount.<EnergyAccount>findById(user).chain(account -> EnergyBall.<EnergyBall>find(
                        "userId = ?1 and collectedAt is null and expiresAt > ?2", Sort.by("ripensAt").and("id"), user, now)
                .page(Page.ofSize(2 * MAX_BALLS_SHOWN)).list()
                .map(balls -> new Energy(account == null ? empty(user) : account,
                        balls.stream().filter(b -> !b.ripensAt.isAfter(now)).limit(MAX_BALLS_SHOWN).toList(),
                        balls.stream().filter(b -> b.ripensAt.isAfter(now)).limit(MAX_BALLS_SHOWN).toList())));
    }

    @WithSession
    public Uni<List<EnergyAction>> actions(String user, int page, int size) {
        return EnergyAction.<EnergyAction>find("userId", Sort.by("occurredAt").descending().and("id"), user)
                .page(Page.of(page, size)).list();
    }

    /** Collects one ripe ball of the caller's. */
    @WithTransaction
    public Uni<Collected> collect(String user, UUID ballId) {
        Instant now = clock.instant();
        return Sql.rows("update energy_ball set collected_at = ?3, collected_grams = grams - coalesce(friend_grams, 0) "
                        + "where id = ?1 and user_id = ?2 and collected_at is null and ripens_at <= ?3 and expires_at > ?3 "
                        + "returning collected_grams", r -> Sql.number(r[0]), ballId, user, utc(now))
                .chain(rows -> rows.isEmpty() ? whyNot(user, ballId, now) : credit(user, rows, now));
    }

    /** Collects every ripe ball of the caller's. */
    @WithTransaction
    public Uni<Collected> collectAll(String user) {
        Instant now = clock.instant();
        return Sql.rows("update energy_ball set collected_at = ?2, collected_grams = grams - coalesce(friend_grams, 0) "
                        + "where user_id = ?1 and collected_at is null and ripens_at <= ?2 and expires_at > ?2 "
                        + "returning collected_grams", r -> Sql.number(r[0]), user, utc(now))
                .chain(rows -> credit(user, rows, now));
    }

    private static Uni<Collected> credit(String user, List<Long> grams, Instant now) {
        long total = grams.stream().mapToLong(Long::longValue).sum();
        return EnergyAccounts.collect(user, total, now)
                .chain(() -> Sql.numbers("select balance_grams from energy_account where user_id = ?1", user)
                        .onFailure(IndexOutOfBoundsException.class).recoverWithItem(new long[]{0}))
                .map(balance -> new Collected(total, grams.size(), balance[0]));
    }

    private static <T> Uni<T> whyNot(String user, UUID ballId, Instant now) {
        return EnergyBall.<EnergyBall>findById(ballId).map(b -> {
            if (b == null || !b.userId.equals(user)) {
                throw ProblemException.notFound("You have no energy ball " + ballId);
            }
            if (b.collectedAt != null) {
                throw ProblemException.conflict("Ball " + ballId + " was already collected");
            }
            if (!b.expiresAt.isAfter(now)) {
                throw new ProblemException(410, "Gone", "Ball " + ballId + " expired at " + b.expiresAt);
            }
            throw ProblemException.conflict("Ball " + ballId + " is not ripe until " + b.ripensAt);
        });
    }

    static EnergyAccount empty(String user) {
        EnergyAccount a = new EnergyAccount();
        a.userId = user;
        return a;
    }
}
