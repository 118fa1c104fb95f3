package org.gongyi.common.persistence;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.gongyi.events.testapp.PlumbingInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A query read through a cursor, a chunk at a time, in the open transaction (a reunion push's recipients). */
@QuarkusTest
@WithTestResource(value = PlumbingInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "plumbing"))
class DbChunksTest {

    private static final String NUMBERS = "select g from generate_series(1, $1) g order by g";

    @Inject
    Db db;

    private List<List<Integer>> chunks(int rows, int chunk) throws Throwable {
        List<List<Integer>> seen = new ArrayList<>();
        long read = VertxContextSupport.subscribeAndAwait(() -> db.transaction(() -> db.inChunks(
                NUMBERS,
                chunk,
                row -> row.getInteger("g"),
                c -> Uni.createFrom().voidItem().invoke(() -> seen.add(c)),
                rows)));
        assertEquals(rows, read);
        return seen;
    }

    @Test
    void everyRowOnceInOrderAChunkAtATimeTheLastShortChunkToo() throws Throwable {
        List<List<Integer>> seen = chunks(2_500, 1_000);
        assertEquals(List.of(1_000, 1_000, 500), seen.stream().map(List::size).toList());
        List<Integer> all = seen.stream().flatMap(List::stream).toList();
        assertEquals(2_500, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i));
        }
    }

    @Test
    void exactChunksAndNoRows() throws Throwable {
        assertEquals(
                List.of(1_000, 1_000),
                chunks(2_000, 1_000).stream().map(List::size).toList());
        assertEquals(List.of(7), chunks(7, 1_000).stream().map(List::size).toList());
        assertEquals(List.of(), chunks(0, 1_000));
    }

    @Test
    void eachChunkWritesInTheTransactionWhileTheNextIsRead() throws Throwable {
        List<Integer> written = VertxContextSupport.subscribeAndAwait(() ->
                db.transaction(() -> db.update("create temp table written (n int, g int) on commit drop")
                        .chain(() -> db.inChunks(
                                NUMBERS,
                                1_000,
                                row -> row.getInteger("g"),
                                c -> db.update(
                                                "insert into written select n, g from unnest(cast($1 as int[])) with ordinality"
                                                        + " as t(g, n)",
                                                (Object) c.toArray(Integer[]::new))
                                        .replaceWithVoid(),
                                2_500))
                        .chain(() -> db.list("select g from written order by g", row -> row.getInteger("g")))));
        assertEquals(2_500, written.size());
        for (int i = 0; i < written.size(); i++) {
            assertEquals(i + 1, written.get(i));
        }
    }

    @Test
    void aChunkThatFailsFailsTheReadAndTheConnectionServesTheNext() throws Throwable {
        List<Integer> handed = new ArrayList<>();
        IllegalStateException failed = assertThrows(
                IllegalStateException.class,
                () -> VertxContextSupport.subscribeAndAwait(() -> db.transaction(() -> db.inChunks(
                        NUMBERS,
                        1_000,
                        row -> row.getInteger("g"),
                        c -> {
                            handed.add(c.size());
                            return handed.size() == 2
                                    ? Uni.createFrom().failure(new IllegalStateException("second chunk refused"))
                                    : Uni.createFrom().voidItem();
                        },
                        5_000))));
        assertEquals("second chunk refused", failed.getMessage());
        assertEquals(List.of(1_000, 1_000), handed);
        assertEquals(
                List.of(1_000, 1_000, 500),
                chunks(2_500, 1_000).stream().map(List::size).toList());
    }

    @Test
    void aCursorNeedsATransaction() {
        assertThrows(
                IllegalStateException.class,
                () -> VertxContextSupport.subscribeAndAwait(() ->
                        db.inChunks(NUMBERS, 10, row -> 1, c -> Uni.createFrom().voidItem(), 5)));
    }
}
