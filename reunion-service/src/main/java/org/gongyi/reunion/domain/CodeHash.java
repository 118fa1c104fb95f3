package org.gongyi.reunion.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A code that proves possession (a locator's activation code, a code pushed to a device), kept only as the SHA-256 of
 * what it belongs to and the code, and compared in constant time.
 */
public final class CodeHash {
    private CodeHash() {}

    /** The hash kept for {@code code} of {@code owner} (a locator id, a push token). */
    public static String of(String owner, String code) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest((owner + "\n" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code code} is the one {@code stored} was made from; false for no stored hash. */
    public static boolean matches(String stored, String owner, String code) {
        return stored != null
                && MessageDigest.isEqual(
                        stored.getBytes(StandardCharsets.US_ASCII),
                        of(owner, code).getBytes(StandardCharsets.US_ASCII));
    }
}
