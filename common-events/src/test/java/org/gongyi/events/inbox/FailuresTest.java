package org.gongyi.events.inbox;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.gongyi.events.InvalidEventException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest {

    private static PgException pg(String sqlState) {
        return new PgException("boom", "ERROR", sqlState, null);
    }

    @Test
    void anUnreachableOrRestartingDatabaseIsTransient() {
        assertTrue(Failures.isTransient(new CompletionException(new ConnectException("Connection refused"))));
        assertTrue(Failures.isTransient(ClosedConnectionException.INSTANCE));
        assertTrue(Failures.isTransient(pg("08006")));
        assertTrue(Failures.isTransient(pg("57P01")));
        assertTrue(Failures.isTransient(pg("40P01")));
        assertTrue(Failures.isTransient(new RuntimeException("wrapped", pg("53300"))));
        assertTrue(Failures.isTransient(new IllegalStateException("Timeout")));
    }

    @Test
    void aFailureOfTheEventOrOfTheCodeIsNot() {
        assertFalse(Failures.isTransient(pg("23505")));
        assertFalse(Failures.isTransient(pg("22P02")));
        assertFalse(Failures.isTransient(new InvalidEventException("not JSON")));
        assertFalse(Failures.isTransient(new IllegalStateException("no such project")));
        assertFalse(Failures.isTransient(new NullPointerException()));
    }
}
