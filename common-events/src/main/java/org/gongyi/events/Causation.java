package org.gongyi.events;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.gongyi.common.http.RequestIds;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The event a consumer is applying, for the events that applying it emits ({@code ce_causationid}): kept in the
 * Vert.x duplicated context of the processing, set by the inbox around each event's effect.
 */
public final class Causation {

    private static final String KEY = "gongyi.causation";
    private static final String TRACES = "gongyi.causation.traces";

    private Causation() {}

    /** The event being applied on this context, or null (a command, or no event context). */
    public static UUID current() {
        return duplicated() ? ContextLocals.<UUID>get(KEY).orElse(null) : null;
    }

    /** {@link #current()} as text, for a {@code cast(? as uuid)} parameter that may be null. */
    public static String currentText() {
        UUID id = current();
        return id == null ? null : id.toString();
    }

    /**
     * Runs {@code work} with {@code cause} as the current event (and its request id as the current one); restores
     * none afterwards.
     */
    public static <T> Uni<T> within(EventEnvelope cause, Supplier<Uni<T>> work) {
        return within(cause, Map.of(), work);
    }

    /**
     * As {@link #within(EventEnvelope, Supplier)}; {@code traces} maps the events being applied to the traceparent of
     * the span applying each, which the events they cause continue ({@link #traceOf}). {@code cause} may be null: a
     * set-based run, whose effect names each emitted event's cause itself.
     */
    public static <T> Uni<T> within(EventEnvelope cause, Map<UUID, String> traces, Supplier<Uni<T>> work) {
        return Uni.createFrom()
                .deferred(() -> {
                    if (duplicated()) {
                        if (cause != null) {
                            ContextLocals.put(KEY, cause.id());
                        }
                        ContextLocals.put(TRACES, traces);
                    }
                    return cause == null ? work.get() : RequestIds.within(cause.requestId(), work);
                })
                .eventually(() -> {
                    if (duplicated()) {
                        ContextLocals.remove(KEY);
                        ContextLocals.remove(TRACES);
                    }
                });
    }

    /** The traceparent of the span applying event {@code cause} on this context, or null. */
    public static String traceOf(UUID cause) {
        if (cause == null || !duplicated()) {
            return null;
        }
        return ContextLocals.<Map<UUID, String>>get(TRACES)
                .map(m -> m.get(cause))
                .orElse(null);
    }

    private static boolean duplicated() {
        Context context = Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context);
    }
}
