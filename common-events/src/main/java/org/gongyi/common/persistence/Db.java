package org.gongyi.common.persistence;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The service's database through the reactive PostgreSQL client: statements with {@code $1, $2 …} parameters, each
 * row mapped by column name (a record's {@code from(Row)}), prepared once per connection. A transaction's connection
 * belongs to the current Vert.x (duplicated) context, so every statement of a unit of work — the service's own, the
 * inbox's and the outbox's — runs in it; outside a transaction a statement takes a pooled connection for itself.
 * <p>
 * Parameters: {@link Instant} (and {@code Instant[]}) is sent as {@code timestamptz}, an enum as its name; everything else as the client
 * binds it ({@code UUID}, {@code String}, {@code Integer}, {@code Long}, arrays of those, null).
 */
@ApplicationScoped
public class Db {

    private static final String CONNECTION = Db.class.getName() + ".connection";

    private final Pool pool;

    public Db(Pool pool) {
        this.pool = pool;
    }

    /**
     * Runs {@code work} in one transaction: committed when its {@code Uni} succeeds, rolled back when it fails. Inside
     * a transaction already open on this context, {@code work} joins it.
     */
    public <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            if (current() != null) {
                return work.get();
            }
            if (!VertxContext.isOnDuplicatedContext()) {
                throw new IllegalStateException("A transaction needs a Vert.x duplicated context (a request, a "
                        + "message, or VertxContextSupport.subscribeAndAwait)");
            }
            return pool.withTransaction(connection -> {
                ContextLocals.put(CONNECTION, connection);
                return Uni.createFrom().<T>deferred(work::get).eventually(() -> ContextLocals.remove(CONNECTION));
            });
        });
    }

    /**
     * Statements of the transaction open on this context, sent at once: the connection sends each without waiting for
     * the answer to the one before (pipelining) and the database runs them in the order given. Fails with the first
     * that fails (the transaction then rolls back).
     */
    public Uni<Void> pipelined(List<? extends Uni<?>> statements) {
        return Uni.createFrom().deferred(() -> {
            if (current() == null) {
                throw new IllegalStateException(
                        "Pipelined statements need a transaction: their order holds on one " + "connection only");
            }
            if (statements.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return Uni.join()
                    .all(statements.stream().map(Uni::replaceWithVoid).toList())
                    .andFailFast()
                    .replaceWithVoid();
        });
    }

    /** The rows of a query, each mapped by {@code row}. */
    public <T> Uni<List<T>> list(String sql, Function<Row, T> row, Object... params) {
        return query(sql, params).map(rows -> {
            List<T> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                out.add(row.apply(r));
            }
            return out;
        });
    }

    /**
     * The rows of a query in the transaction open on this context, read through a cursor {@code chunk} at a time and
     * each chunk (mapped by {@code row}) handed to {@code each} before the next is read: however many rows there are,
     * only a chunk is held. Completes with how many rows there were.
     */
    public <T> Uni<Long> inChunks(
            String sql, int chunk, Function<Row, T> row, Function<List<T>, Uni<Void>> each, Object... params) {
        return Uni.createFrom().deferred(() -> {
            SqlConnection connection = current();
            if (connection == null) {
                throw new IllegalStateException("A cursor needs the transaction open on this context");
            }
            return connection.prepare(sql).chain(statement -> {
                Cursor cursor = statement.cursor(tuple(params));
                AtomicLong read = new AtomicLong();
                // one chunk after the other, each let go once handed on (the last read, with nothing more, too)
                return Multi.createBy()
                        .repeating()
                        .uni(() -> cursor.read(chunk))
                        .whilst(rows -> cursor.hasMore())
                        .onItem()
                        .transformToUniAndConcatenate(rows -> {
                            List<T> out = new ArrayList<>(rows.size());
                            for (Row r : rows) {
                                out.add(row.apply(r));
                            }
                            read.addAndGet(out.size());
                            return out.isEmpty() ? Uni.createFrom().voidItem() : each.apply(out);
                        })
                        .collect()
                        .last()
                        .map(ignored -> read.get())
                        .eventually(cursor::close)
                        .eventually(statement::close);
            });
        });
    }

    /** The first row of a query mapped by {@code row}; null when there is none. */
    public <T> Uni<T> first(String sql, Function<Row, T> row, Object... params) {
        return query(sql, params).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? row.apply(it.next()) : null;
        });
    }

    /** An insert, update or delete; the number of rows it changed. */
    public Uni<Integer> update(String sql, Object... params) {
        return query(sql, params).map(RowSet::rowCount);
    }

    private Uni<RowSet<Row>> query(String sql, Object... params) {
        return Uni.createFrom().deferred(() -> {
            SqlClient client = current();
            return (client == null ? pool : client).preparedQuery(sql).execute(tuple(params));
        });
    }

    /** The connection of the transaction open on this context, if any. */
    private static SqlConnection current() {
        return VertxContext.isOnDuplicatedContext()
                ? ContextLocals.<SqlConnection>get(CONNECTION).orElse(null)
                : null;
    }

    /** A {@code timestamptz} column as an instant (null stays null). */
    public static Instant instant(Row row, String column) {
        OffsetDateTime t = row.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static Tuple tuple(Object... params) {
        List<Object> values = new ArrayList<>(params.length);
        for (Object p : params) {
            values.add(
                    p instanceof Instant i
                            ? i.atOffset(ZoneOffset.UTC)
                            : p instanceof Instant[] a
                                    ? Arrays.stream(a)
                                            .map(i -> i == null ? null : i.atOffset(ZoneOffset.UTC))
                                            .toArray(OffsetDateTime[]::new)
                                    : p instanceof Enum<?> e ? e.name() : p);
        }
        return Tuple.from(values);
    }
}
