package org.gongyi.events;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * The event a consumer is applying, for the events that applying it emits ({@code ce_causationid}): kept in the
 * Vert.x duplicated context of the processing, set by the inbox around each event's effect.
 */
public final class Causation {

    private static final String KEY = "gongyi.causation";

    private Causation() {
    }

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
        return Uni.createFrom().deferred(() -> {
            if (duplicated()) {
                ContextLocals.put(KEY, cause.id());
            }
            return org.gongyi.common.http.RequestIds.within(cause.requestId(), work);
        }).eventually(() -> {
            if (duplicated()) {
                ContextLocals.remove(KEY);
            }
        });
    }

    private static boolean duplicated() {
        Context context = Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context);
    }
}
