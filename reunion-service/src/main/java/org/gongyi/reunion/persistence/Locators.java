package org.gongyi.reunion.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;

/** Locators and the hash of their activation codes (the code itself is never stored). */
@ApplicationScoped
public class Locators {

    /** Registers a locator's code, or a new code for it (a locator's gateway rotates it once it is unpaired). */
    private static final String REGISTER = """
            insert into locator (locator_id, code_hash, registered_at) values ($1, $2, $3)
            on conflict (locator_id) do update set code_hash = excluded.code_hash, registered_at = excluded.registered_at
            """;
    /** The locator's code hash, locked: one enrolment at a time. */
    private static final String CODE_HASH_LOCKED = """
            select code_hash from locator where locator_id = $1 for update
            """;

    private final Db db;

    public Locators(Db db) {
        this.db = db;
    }

    public Uni<Integer> register(String locatorId, String codeHash, Instant now) {
        return db.update(REGISTER, locatorId, codeHash, now);
    }

    /** The hash of the locator's activation code, the locator locked for this transaction; null when unregistered. */
    public Uni<String> lockCodeHash(String locatorId) {
        return db.first(CODE_HASH_LOCKED, row -> row.getString("code_hash"), locatorId);
    }
}
