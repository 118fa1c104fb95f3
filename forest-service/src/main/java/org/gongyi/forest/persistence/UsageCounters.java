package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.persistence.Sql;
import org.gongyi.forest.domain.CapPeriod;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.bigint;
import static org.gongyi.common.persistence.Sql.date;
import static org.gongyi.common.persistence.Sql.name;
import static org.gongyi.common.persistence.Sql.text;
import static org.gongyi.common.persistence.Sql.uuid;

/**
 * The cap counters: what a user earned per action type per day and per month, and how often a household account
 * earned per action type per month. Each counter names the event of the last action it counted.
 */
@ApplicationScoped
public class UsageCounters {

    /** A user's counter of one action type in one period; {@code lastEventId} only when written. */
    public record Counter(
            String userId,
            String actionType,
            CapPeriod period,
            LocalDate periodStart,
            long count,
            long grams,
            UUID lastEventId) {
        static Counter from(Row row) {
            return new Counter(
                    row.getString("user_id"),
                    row.getString("action_type"),
                    CapPeriod.valueOf(row.getString("period")),
                    row.getLocalDate("period_start"),
                    row.getLong("action_count"),
                    row.getLong("grams"),
                    row.getUUID("last_event_id"));
        }
    }

    /** A counter's key. */
    public record Key(String userId, String actionType, CapPeriod period, LocalDate periodStart) {}

    /** The counters of the given keys (one array per key column). */
    private static final String OF_KEYS = """
            select user_id, action_type, period, period_start, action_count, grams, last_event_id from energy_usage
            where (user_id, action_type, period, period_start) in (
                select user_id, action_type, period, period_start
                from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as text[]), cast($4 as date[]))
                     as u(user_id, action_type, period, period_start))
            """;
    /** Adds to the counters (one array per column, in order); each names the event it counted last. */
    private static final String ADD_ALL = """
            insert into energy_usage (user_id, action_type, period, period_start, action_count, grams, last_event_id)
            select user_id, action_type, period, period_start, action_count, grams, last_event_id
            from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as text[]), cast($4 as date[]),
                        cast($5 as bigint[]), cast($6 as bigint[]), cast($7 as uuid[]))
                 with ordinality as u(user_id, action_type, period, period_start, action_count, grams, last_event_id, n)
            order by n
            on conflict (user_id, action_type, period, period_start) do update
               set action_count = energy_usage.action_count + excluded.action_count,
                   grams = energy_usage.grams + excluded.grams,
                   last_event_id = excluded.last_event_id
            """;
    /** Counts one action of the household account's month unless that reaches past the cap ($4). */
    private static final String COUNT_HOUSEHOLD_WITHIN_CAP = """
            insert into household_usage (action_type, household_account, month, action_count, last_event_id)
            values ($1, $2, $3, 1, $5)
            on conflict (action_type, household_account, month) do update
               set action_count = household_usage.action_count + 1, last_event_id = excluded.last_event_id
             where household_usage.action_count < $4
            """;

    /** A counter key's columns, as {@code OF_KEYS} takes them. */
    private static final Sql.Columns<Key> KEYS =
            Sql.Columns.of(text(Key::userId), text(Key::actionType), name(Key::period), date(Key::periodStart));
    /** A counter's columns, as {@code ADD_ALL} takes them. */
    private static final Sql.Columns<Counter> COUNTERS = Sql.Columns.of(
            text(Counter::userId),
            text(Counter::actionType),
            name(Counter::period),
            date(Counter::periodStart),
            bigint(Counter::count),
            bigint(Counter::grams),
            uuid(Counter::lastEventId));

    private final Db db;

    public UsageCounters(Db db) {
        this.db = db;
    }

    public Uni<List<Counter>> of(Collection<Key> keys) {
        return db.list(OF_KEYS, Counter::from, KEYS.params(keys));
    }

    /** Adds each counter's count and grams to the stored one (or stores it). */
    public Uni<Integer> addAll(Collection<Counter> counters) {
        return db.update(ADD_ALL, COUNTERS.params(counters));
    }

    /** True when the household account's month took one more action within {@code cap}. */
    public Uni<Boolean> countHousehold(
            String actionType, String householdAccount, LocalDate month, int cap, UUID eventId) {
        return db.update(COUNT_HOUSEHOLD_WITHIN_CAP, actionType, householdAccount, month, cap, eventId)
                .map(n -> n == 1);
    }
}
