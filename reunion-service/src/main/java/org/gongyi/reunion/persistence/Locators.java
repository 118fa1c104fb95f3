package org.gongyi.reunion.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

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

    public Uni<Integer> register(String locatorId, String activationCode, Instant now) {
        return db.update(REGISTER, locatorId, hash(locatorId, activationCode), now);
    }

    /** True when {@code activationCode} is the registered locator's code (and the locator is locked). */
    public Uni<Boolean> codeMatches(String locatorId, String activationCode) {
        return db.first(CODE_HASH_LOCKED, row -> row.getString("code_hash"), locatorId)
                .map(stored -> stored != null && MessageDigest.isEqual(
                        stored.getBytes(StandardCharsets.US_ASCII),
                        hash(locatorId, activationCode).getBytes(StandardCharsets.US_ASCII)));
    }

    private static String hash(String locatorId, String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((locatorId + "\n" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
