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
 * and which projections it compares, live against replayed.
 */
public record ReplayPlan(List<Feed> feeds, List<String> copiedTables, List<String> resetStatements,
                         List<Projection> projections) {

    /**
     * An incoming channel ({@code mp.messaging.incoming.<channel>}: its topic and live consumer group come from the
     * configuration) and the effect its consumer applies, as the consumer applies it.
     */
    public record Feed(String channel, String consumer, Function<EventEnvelope, Uni<Void>> effect,
                       Inbox.RunEffect runEffect) {
    }

    /**
     * A projection as a query (unqualified table names: it runs once against the live schema and once against the
     * shadow one); its first {@code keyColumns} columns identify a row (unique and not null: they are joined with
     * {@code =}), the others are compared. With an {@code eventsQuery}, the live rows are compared instead with what
     * the service's own published events add up to: that query reads {@code event_ledger (ce_id, ce_type, topic,
     * key, payload jsonb)}, every event on the topics the service produces, each once.
     */
    public record Projection(String name, String query, int keyColumns, String eventsQuery) {
        public Projection {
            if (keyColumns < 1) {
                throw new IllegalArgumentException("a projection needs at least one key column");
            }
        }

        public Projection(String name, String query, int keyColumns) {
            this(name, query, keyColumns, null);
        }

        /** Live rows ({@code query}) against the sums of the published events ({@code eventsQuery}). */
        public static Projection fromEvents(String name, String query, String eventsQuery, int keyColumns) {
            return new Projection(name, query, keyColumns, eventsQuery);
        }
    }
}
