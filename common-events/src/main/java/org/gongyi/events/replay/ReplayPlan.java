package org.gongyi.events.replay;

import io.smallrye.mutiny.Uni;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.inbox.Inbox;

import java.util.List;
import java.util.function.Function;

/**
 * What an auditor's replay of a service does (each service produces one, next to its consumer): which channels it
 * reads again, with the same effects its consumers apply; what it copies from the live schema first (state that
 * commands, not events, create: projects, rules …) and the statements that then reset the counters events build;
 * and which projections it compares, live against replayed. Its read-side indexes (the service's queries use them,
 * its consumers' effects do not) are left out of the shadow schema: a replay writes without maintaining them. Its
 * rebuild statements run once all events are applied: projections a replay's effects leave out, rebuilt set-based
 * from the rows the effects made.
 */
public record ReplayPlan(
        List<Feed> feeds,
        List<String> copiedTables,
        List<String> resetStatements,
        List<Projection> projections,
        List<String> readIndexes,
        List<String> rebuildStatements) {

    public ReplayPlan(
            List<Feed> feeds, List<String> copiedTables, List<String> resetStatements, List<Projection> projections) {
        this(feeds, copiedTables, resetStatements, projections, List.of(), List.of());
    }

    /** This plan, building the shadow schema without these indexes of the live one. */
    public ReplayPlan withoutIndexes(String... readIndexes) {
        return new ReplayPlan(
                feeds, copiedTables, resetStatements, projections, List.of(readIndexes), rebuildStatements);
    }

    /** This plan, running these statements in the shadow schema once every event is applied. */
    public ReplayPlan rebuilding(List<String> rebuildStatements) {
        return new ReplayPlan(
                feeds, copiedTables, resetStatements, projections, readIndexes, List.copyOf(rebuildStatements));
    }

    /**
     * An incoming channel ({@code mp.messaging.incoming.<channel>}: its topic and live consumer group come from the
     * configuration) and the effect its consumer applies, as the consumer applies it, under the same guard.
     */
    public record Feed(
            String channel,
            String consumer,
            Inbox.Guard guard,
            Function<EventEnvelope, Uni<Void>> effect,
            Inbox.RunEffect runEffect) {

        /** A consumer guarded by processed-event records ({@link Inbox.Guard#EVENT_IDS}). */
        public Feed(
                String channel, String consumer, Function<EventEnvelope, Uni<Void>> effect, Inbox.RunEffect runEffect) {
            this(channel, consumer, Inbox.Guard.EVENT_IDS, effect, runEffect);
        }
    }

    /**
     * A projection as a query (unqualified table names: it runs once against the live schema and once against the
     * shadow one); its first {@code keyColumns} columns identify a row (unique and not null: they are joined with
     * {@code =}), the others are compared. With an {@code eventsQuery}, one side is instead what the service's own
     * published events add up to: that query reads {@code event_ledger (ce_id, ce_type, topic, key, caused_by,
     * payload jsonb)}, every event on the topics the service produces, each once. {@code against} says which.
     */
    public record Projection(String name, String query, int keyColumns, String eventsQuery, Against against) {
        public Projection {
            if (keyColumns < 1) {
                throw new IllegalArgumentException("a projection needs at least one key column");
            }
            if ((eventsQuery == null) != (against == Against.REPLAY)) {
                throw new IllegalArgumentException("a projection compared with published events needs their query");
            }
        }

        public Projection(String name, String query, int keyColumns) {
            this(name, query, keyColumns, null, Against.REPLAY);
        }

        /** Live rows ({@code query}) against the sums of the published events ({@code eventsQuery}). */
        public static Projection fromEvents(String name, String query, String eventsQuery, int keyColumns) {
            return new Projection(name, query, keyColumns, eventsQuery, Against.PUBLISHED_EVENTS);
        }

        /**
         * The replay's own output ({@code query}, run in the shadow schema: the events its outbox holds) against the
         * events the service published ({@code eventsQuery}, reported on the live side): what a replay emits is what
         * was emitted, without keeping sent outbox rows in the live schema.
         */
        public static Projection emittedAgainstPublished(
                String name, String query, String eventsQuery, int keyColumns) {
            return new Projection(name, query, keyColumns, eventsQuery, Against.REPLAY_EMITTED);
        }
    }

    /** What a projection's live-side rows are compared with. */
    public enum Against {
        /** live rows against the same query on the replayed shadow schema */
        REPLAY,
        /** live rows against what the published events add up to */
        PUBLISHED_EVENTS,
        /** the published events (live side) against what the replay emitted */
        REPLAY_EMITTED
    }
}
