package org.gongyi.common.ratelimit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Per-identity abuse limits on public write endpoints: at most {@code limit} requests per fixed window, counted in
 * the service's database (so every instance shares the count). Over the limit the caller gets 429 with
 * {@code Retry-After} (the seconds until the window ends). Counted in its own transaction, before the request's:
 * a rejected request counts too, and a failed one still counted.
 */
@ApplicationScoped
public class RateLimiter {

    /** One more hit in the key's window; returns the window's hits. */
    private static final String COUNT_HIT = """
            insert into rate_limit_window (limit_key, window_start, hits) values ($1, $2, 1)
            on conflict (limit_key, window_start) do update set hits = rate_limit_window.hits + 1
            returning hits
            """;

    private static final String FORGET_EARLIER_WINDOWS = """
            delete from rate_limit_window where limit_key = $1 and window_start < $2
            """;

    private final Clock clock;
    private final Db db;

    public RateLimiter(Clock clock, Db db) {
        this.clock = clock;
        this.db = db;
    }

    public Uni<Void> acquire(String action, String identity, int limit, Duration window) {
        Instant now = clock.instant();
        long w = window.toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), w) * w);
        String key = action + ":" + identity;
        return db.transaction(() -> db.first(COUNT_HIT, row -> row.getLong("hits"), key, start)
                        .call(hits -> hits == 1
                                ? db.update(FORGET_EARLIER_WINDOWS, key, start)
                                : Uni.createFrom().voidItem()))
                .map(hits -> {
                    if (hits > limit) {
                        long wait = Duration.between(now, start.plusMillis(w)).toSeconds() + 1;
                        throw ProblemException.tooManyRequests(
                                "At most " + limit + " " + action + " per " + human(window) + "; try again in " + wait
                                        + " s",
                                wait);
                    }
                    return null;
                })
                .replaceWithVoid();
    }

    private static String human(Duration d) {
        if (d.toHours() > 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
            return d.toHours() == 1 ? "hour" : d.toHours() + " hours";
        }
        if (d.toMinutes() > 0 && d.toSecondsPart() == 0) {
            return d.toMinutes() == 1 ? "minute" : d.toMinutes() + " minutes";
        }
        return d.toSeconds() + " s";
    }
}
