package org.gongyi.events;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Counts of what a transaction did (metrics), taken once it has committed. A consumer's transaction may be rolled back
 * and retried, and an auditor's replay applies the same effects into a shadow schema: counting as the effect runs
 * would count those again. Within {@link #onCommit} a count waits for the transaction's success (dropped on failure);
 * within {@link #discarding} it is dropped; elsewhere (a command's request) it is taken at once. Kept in the Vert.x
 * duplicated context of the work, like {@link Causation}.
 */
public final class Tally {

    private static final String KEY = "gongyi.tally";

    private Tally() {}

    /** Takes {@code count} when the surrounding transaction commits, or now when there is none. */
    public static void add(Runnable count) {
        List<Runnable> pending =
                duplicated() ? ContextLocals.<List<Runnable>>get(KEY).orElse(null) : null;
        if (pending == null) {
            count.run();
        } else {
            pending.add(count);
        }
    }

    /** Runs {@code transaction} (a Uni that ends once it has committed), then takes the counts it added. */
    public static <T> Uni<T> onCommit(Supplier<Uni<T>> transaction) {
        return collecting(transaction, true);
    }

    /** Runs {@code work} and drops the counts it adds (an auditor's replay). */
    public static <T> Uni<T> discarding(Supplier<Uni<T>> work) {
        return collecting(work, false);
    }

    private static <T> Uni<T> collecting(Supplier<Uni<T>> work, boolean take) {
        return Uni.createFrom().deferred(() -> {
            if (!duplicated()) {
                return work.get();
            }
            List<Runnable> outer = ContextLocals.<List<Runnable>>get(KEY).orElse(null);
            List<Runnable> pending = new ArrayList<>();
            ContextLocals.put(KEY, pending);
            return work.get()
                    .eventually(() -> {
                        if (outer == null) {
                            ContextLocals.remove(KEY);
                        } else {
                            ContextLocals.put(KEY, outer);
                        }
                    })
                    .invoke(() -> {
                        if (take) {
                            // inside another collection, its outcome decides
                            pending.forEach(outer == null ? Runnable::run : outer::add);
                        }
                    });
        });
    }

    private static boolean duplicated() {
        Context context = Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context);
    }
}
