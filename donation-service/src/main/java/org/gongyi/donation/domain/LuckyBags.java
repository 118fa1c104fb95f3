package org.gongyi.donation.domain;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Lucky bags (福包) of a campaign: a sponsor's pool of {@code totalFen} in {@code bags} bags of {@code minFen} to
 * {@code maxFen} each, opened by participants by chance. The pool is spent exactly and never more: the bags' amounts
 * are drawn when the pool is funded, each between the bounds that still let every bag after it be filled within the
 * range, so the last bag takes what is left.
 * <p>
 * <b>The randomness, stated.</b> Every number is HMAC-SHA256 keyed with the pool's secret (32 bytes from the JDK's
 * {@code SecureRandom}) over its inputs: for bag {@code n}, {@code "bag\n" + pool + "\n" + n}, whose first 8 bytes
 * place its amount; for a chance, {@code pool + "\n" + person + "\n" + participation}, whose first 8 bytes decide
 * whether a bag opens (the chance, in parts per million). The pool publishes the SHA-256 of its secret when it is
 * funded and the secret once it closes: anyone can then recompute every bag and every recorded draw and see that none
 * was chosen.
 */
public final class LuckyBags {

    /** A chance is given in parts per million (1,000,000: every chance opens a bag). */
    public static final int PARTS = 1_000_000;

    /** The most bags one pool holds (a sponsor with more funds several pools). */
    public static final int MOST_BAGS = 1_000_000;

    private LuckyBags() {}

    /** A sponsor's pool. */
    public record Pool(long totalFen, int bags, long minFen, long maxFen) {
        public Pool {
            if (bags < 1 || bags > MOST_BAGS || minFen < 1 || maxFen < minFen) {
                throw new InvalidRuleException(
                        "a pool has 1 to " + MOST_BAGS + " bags, each of at least 1 fen, min ≤ max");
            }
            if (totalFen < Math.multiplyExact(bags, minFen) || totalFen > Math.multiplyExact(bags, maxFen)) {
                throw new InvalidRuleException("a pool's amount lets every bag hold between its min and max: "
                        + "between " + Math.multiplyExact(bags, minFen) + " and " + Math.multiplyExact(bags, maxFen)
                        + " fen for " + bags + " bags");
            }
        }
    }

    /** A pool's odds: a chance opens a bag at {@code chancePpm} parts per million, at most {@code perPersonDaily} a day. */
    public record Odds(int chancePpm, int perPersonDaily) {
        public Odds {
            if (chancePpm < 1 || chancePpm > PARTS) {
                throw new InvalidRuleException("a chance is 1 to " + PARTS + " parts per million");
            }
            if (perPersonDaily < 1) {
                throw new InvalidRuleException("a person may open at least one bag a day");
            }
        }
    }

    /** What a chance's draw decided: whether a bag opens; {@code hmacHex} is the draw itself, for anyone to check. */
    public record Draw(String hmacHex, boolean opens) {}

    /**
     * The draw for {@code person}'s chance from {@code participation} in {@code pool}, at {@code chancePpm} parts per
     * million.
     */
    public static Draw draw(byte[] secret, String pool, String person, String participation, int chancePpm) {
        if (chancePpm < 0 || chancePpm > PARTS) {
            throw new IllegalArgumentException("a chance is 0 to " + PARTS + " parts per million");
        }
        byte[] mac = hmac(secret, pool + '\n' + person + '\n' + participation);
        long opening = unsigned(ByteBuffer.wrap(mac).getLong())
                .mod(BigInteger.valueOf(PARTS))
                .longValue();
        return new Draw(HexFormat.of().formatHex(mac), opening < chancePpm);
    }

    /** The amounts of {@code pool}'s bags, bag 1 first: what funding it draws, and what anyone can recompute. */
    public static long[] bagAmounts(byte[] secret, String poolId, Pool pool) {
        long[] amounts = new long[pool.bags()];
        long left = pool.totalFen();
        for (int n = 1; n <= pool.bags(); n++) {
            byte[] mac = hmac(secret, "bag\n" + poolId + '\n' + n);
            double pick = (ByteBuffer.wrap(mac).getLong() >>> 11) * 0x1.0p-53;
            amounts[n - 1] = amount(pool, left, pool.bags() - n + 1, pick);
            left -= amounts[n - 1];
        }
        return amounts;
    }

    /**
     * The amount of the next bag of {@code pool} when {@code leftFen} and {@code leftBags} (this one included) are
     * left: {@code pick} in [0, 1) placed between the least and most this bag may hold so every bag after it can still
     * be filled within the range; the last bag takes what is left.
     */
    public static long amount(Pool pool, long leftFen, int leftBags, double pick) {
        if (leftBags < 1) {
            throw new IllegalArgumentException("no bag is left");
        }
        long after = leftBags - 1L;
        long least = Math.max(pool.minFen(), leftFen - after * pool.maxFen());
        long most = Math.min(pool.maxFen(), leftFen - after * pool.minFen());
        if (least > most) {
            throw new IllegalStateException("the pool cannot fill its bags: " + leftFen + " fen for " + leftBags);
        }
        return least + (long) Math.floor(pick * (most - least + 1));
    }

    /** What the pool publishes when it is funded: the SHA-256 of its secret, in hex. */
    public static String commitment(byte[] secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }
}
