package org.gongyi.common.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.function.Supplier;

/**
 * Statements and transactions in Panache's reactive session, for services that still map entities with Hibernate
 * Reactive. Touched only when Hibernate is on the class path ({@link Db#ORM}).
 */
final class OrmSession {
    private OrmSession() {
    }

    static <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work::get);
    }

    /** Writes what the session holds and forgets it (a large batch's later queries then dirty-check nothing). */
    static Uni<Void> flushAndClear() {
        return Panache.getSession().chain(session -> session.flush().invoke(session::clear));
    }

    static Uni<Integer> exec(String sql, Object... params) {
        return Panache.getSession().chain(s -> bind(s.createNativeQuery(sql), params).executeUpdate());
    }

    /** Each row as its columns; a one-column result comes back as its values, not as arrays. */
    static Uni<List<Object[]>> rows(String sql, Object... params) {
        return Panache.getSession().chain(s -> bind(s.createNativeQuery(sql, Object.class), params).getResultList())
                .map(list -> list.stream().map(r -> r instanceof Object[] a ? a : new Object[]{r}).toList());
    }

    static Uni<List<String>> strings(String sql, Object... params) {
        return Panache.getSession().chain(s -> bind(s.createNativeQuery(sql, String.class), params).getResultList());
    }

    private static <Q extends Mutiny.AbstractQuery> Q bind(Q query, Object... params) {
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query;
    }
}
