package org.gongyi.events.inbox;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells failures that pass by themselves (the database or the network is away, a lock or serialization conflict)
 * from failures of the event itself. A consumer retries the first kind for as long as it takes — the event must not
 * end in the dead-letter topic because the database was restarting — and gives the second kind a few attempts.
 */
public final class Failures {
    private Failures() {}

    /** SQLSTATEs that mean "try again later": connection (08), resources (53), shutdown, conflicts, timeouts. */
    private static final Set<String> TRANSIENT_STATES =
            Set.of("40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03");

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedConnectionException || t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof DatabaseException db && db.getSqlState() != null) {
                String state = db.getSqlState();
                return state.startsWith("08") || state.startsWith("53") || TRANSIENT_STATES.contains(state);
            }
            // Vert.x reports refused connections and pool timeouts without a typed exception
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t.getClass().getName().contains("Timeout")
                    || message.contains("timeout")
                    || message.contains("connection")
                            && (message.contains("refused")
                                    || message.contains("reset")
                                    || message.contains("closed"))) {
                return true;
            }
        }
        return false;
    }
}
