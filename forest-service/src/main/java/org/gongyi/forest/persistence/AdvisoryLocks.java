package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.util.Collection;

/** Transaction-scoped advisory locks by name (held until the transaction ends). */
@ApplicationScoped
public class AdvisoryLocks {

    /** All the keys' locks with one statement, taken in one order (so concurrent takers cannot deadlock). */
    private static final String LOCK_ALL = """
            select cast(count(pg_advisory_xact_lock(h)) as bigint) as locked
            from (select hashtextextended(k, 0) as h from unnest(cast($1 as text[])) as k order by 1) s
            """;

    private final Db db;

    public AdvisoryLocks(Db db) {
        this.db = db;
    }

    public Uni<Void> lockAll(Collection<String> keys) {
        return db.update(LOCK_ALL, (Object) keys.toArray(new String[0])).replaceWithVoid();
    }
}
