package org.gongyi.events;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Counts wait for the commit, are dropped on failure and in replays, and are taken at once outside a transaction. */
class TallyTest {

    private static Vertx vertx;
    private final List<String> counted = new ArrayList<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Runs {@code work} on a fresh duplicated context, as a consumer's or request's processing does. */
    private static <T> T onContext(Supplier<Uni<T>> work) throws Exception {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> work.get().subscribe().with(result::complete, result::completeExceptionally));
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private Uni<String> counting(String what) {
        return Uni.createFrom().item(what).invoke(w -> Tally.add(() -> counted.add(w)));
    }

    @Test
    void aCommittedTransactionCountsOnceItHasEnded() throws Exception {
        List<String> seenInside = new ArrayList<>();
        onContext(() -> Tally.onCommit(
                () -> counting("a").chain(() -> counting("b")).invoke(() -> seenInside.addAll(counted))));
        assertEquals(List.of(), seenInside, "nothing counted before the transaction ended");
        assertEquals(List.of("a", "b"), counted);
    }

    @Test
    void aFailedAttemptCountsNothingAndItsRetryCountsOnce() throws Exception {
        int[] attempts = {0};
        onContext(() -> Tally.onCommit(() -> counting("batch").invoke(() -> {
                    if (attempts[0]++ == 0) {
                        throw new IllegalStateException("rolled back");
                    }
                }))
                .onFailure()
                .retry()
                .atMost(1));
        assertEquals(2, attempts[0]);
        assertEquals(List.of("batch"), counted);
        assertThrows(
                IllegalStateException.class,
                () -> onContext(() -> Tally.onCommit(() -> counting("lost").invoke(() -> {
                    throw new IllegalStateException("rolled back");
                }))));
        assertEquals(List.of("batch"), counted);
    }

    @Test
    void aReplayCountsNothingEvenInsideATransaction() throws Exception {
        onContext(() -> Tally.onCommit(
                () -> Tally.discarding(() -> counting("replayed")).chain(() -> counting("live"))));
        assertEquals(List.of("live"), counted);
    }

    @Test
    void anInnerTransactionsCountsWaitForTheOuterOne() throws Exception {
        assertThrows(
                IllegalStateException.class,
                () -> onContext(() -> Tally.onCommit(
                        () -> Tally.onCommit(() -> counting("inner")).invoke(() -> {
                            throw new IllegalStateException("outer rolled back");
                        }))));
        assertEquals(List.of(), counted);
    }

    @Test
    void withoutATransactionACountIsTakenAtOnce() throws Exception {
        onContext(() -> counting("request"));
        assertEquals(List.of("request"), counted);
        Tally.add(() -> counted.add("no context"));
        assertEquals(List.of("request", "no context"), counted);
    }
}
