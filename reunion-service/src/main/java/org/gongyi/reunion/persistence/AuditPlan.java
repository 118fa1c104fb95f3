package org.gongyi.reunion.persistence;

import org.gongyi.events.Topic;
import org.gongyi.events.replay.ReplayPlan;
import org.gongyi.events.replay.ReplayPlan.Feed;
import org.gongyi.events.replay.ReplayPlan.Projection;

import java.time.Duration;
import java.util.List;

/**
 * What an auditor's replay of reunion-service works on: reunion.locator-positions again through the consumer's own
 * effects, over copies of the enrolled elders (safe zones, guardians) and the registered devices; then each elder's
 * zone state (with the time of the latest position), the exit alerts and the pushes to guardians compared with the live
 * ones. Stored positions are not: they are purged after the retention period. Positions are kept that long in the
 * topic too (and a replay skips older ones), so what is compared is what the retention period holds: the states of
 * elders seen within it and the exits within it. The pushes to guardians the replay emits are compared with the pushes
 * published, for exits within the push topic's week (less a day). Missing-child cases are commands (police publish and
 * close them): nothing to replay, but each case's state is compared with its published alert events.
 */
public final class AuditPlan {

    /** Read as they are by the positions' effects. */
    private static final List<String> COPIED = List.of("elder", "elder_guardian", "device");

    /** The zone states, worked out again. */
    private static final List<String> RESET = List.of("""
            update elder set zone_state = 'UNKNOWN', last_seen_at = null, last_event_id = null""");

    /** Elders seen and exits since {@code %s} (the retention period's start). */
    private static final String ZONE_STATES = """
            select cast(id as text) as elder, zone_state, last_seen_at, cast(last_event_id as text) as last_event
            from elder where last_seen_at >= %s""";

    private static final String EXIT_ALERTS = """
            select cast(elder_id as text) as elder, left_at, returned_at, cast(source_event_id as text) as source_event,
                   cast(returned_event_id as text) as returned_event
            from elder_alert where left_at >= %s""";

    /** Exit pushes per elder, from a table of events ({@code payload} the jsonb of one) caused by exits since then. */
    private static final String PUSHES_TO_GUARDIANS = """
            select %2$s ->> 'subjectId' as elder, count(*) as batches,
                   sum(jsonb_array_length(%2$s -> 'recipients')) as recipients
            from %1$s
            where ce_type = 'reunion.notification-batch' and %2$s ->> 'kind' = 'ELDER_LEFT_ZONE'
              and caused_by in (select source_event_id from elder_alert where left_at >= %3$s)
            group by 1""";

    private static final Projection CASES = Projection.fromEvents("cases from published events", """
            select cast(id as text) as case_id, status, closure, outcome from missing_case""", """
            select key as case_id,
                   case when bool_or(ce_type = 'reunion.alert-closed') then 'CLOSED' else 'PUBLISHED' end as status,
                   max(payload ->> 'closure') as closure, max(payload ->> 'outcome') as outcome
            from event_ledger
            where ce_type in ('reunion.alert-published', 'reunion.alert-closed')
            group by key""", 1);

    private AuditPlan() {}

    /** The plan for the consumer's feed, positions being kept {@code retention}. */
    public static ReplayPlan of(Feed feed, Duration retention) {
        String since = ago(retention);
        // the push topic keeps a week: exits of the last six days, whose pushes it surely still holds
        String pushesSince = ago(Topic.REUNION_PUSH.retention().orElseThrow().minusDays(1));
        return new ReplayPlan(
                List.of(feed),
                COPIED,
                RESET,
                List.of(
                        new Projection("elder zone states", ZONE_STATES.formatted(since), 1),
                        new Projection("exit alerts", EXIT_ALERTS.formatted(since), 2),
                        Projection.emittedAgainstPublished(
                                "guardian pushes vs published",
                                PUSHES_TO_GUARDIANS.formatted("outbox_event", "cast(payload as jsonb)", pushesSince),
                                PUSHES_TO_GUARDIANS.formatted("event_ledger", "payload", pushesSince),
                                1),
                        CASES));
    }

    private static String ago(Duration d) {
        return "now() - interval '" + d.toSeconds() + " seconds'";
    }
}
