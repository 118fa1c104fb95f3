package org.gongyi.donation.domain;

import org.gongyi.donation.domain.LuckyBags.Draw;
import org.gongyi.donation.domain.LuckyBags.Pool;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LuckyBagsTest {

    static final byte[] SECRET = "sponsor-secret-of-the-pool".getBytes(StandardCharsets.UTF_8);

    @Test
    void aPoolLetsEveryBagHoldBetweenItsBounds() {
        new Pool(1_000, 10, 100, 100);
        new Pool(1_000, 10, 1, 1_000);
        assertThrows(InvalidRuleException.class, () -> new Pool(999, 10, 100, 200));
        assertThrows(InvalidRuleException.class, () -> new Pool(2_001, 10, 100, 200));
        assertThrows(InvalidRuleException.class, () -> new Pool(1_000, 0, 100, 200));
        assertThrows(InvalidRuleException.class, () -> new Pool(1_000, 5, 300, 200));
    }

    @Test
    void everyPoolIsSpentExactlyAndNoBagLeavesItsRange() {
        Random random = new Random(42);
        for (int run = 0; run < 2_000; run++) {
            int bags = 1 + random.nextInt(50);
            long min = 1 + random.nextInt(500);
            long max = min + random.nextInt(2_000);
            long total = bags * min + (long) (random.nextDouble() * (bags * (max - min)));
            Pool pool = new Pool(total, bags, min, max);
            long left = total;
            for (int b = bags; b >= 1; b--) {
                long a = LuckyBags.amount(pool, left, b, random.nextDouble());
                assertTrue(a >= min && a <= max, a + " outside " + min + ".." + max);
                left -= a;
            }
            assertEquals(0, left, "the pool is spent exactly");
        }
    }

    @Test
    void aPoolsBagsAreDrawnFromItsSecretSpendItExactlyAndAreTheSameWhenRecomputed() {
        Pool pool = new Pool(10_000, 37, 100, 600);
        long[] bags = LuckyBags.bagAmounts(SECRET, "pool-1", pool);
        assertEquals(37, bags.length);
        assertEquals(10_000, Arrays.stream(bags).sum());
        assertTrue(Arrays.stream(bags).allMatch(a -> a >= 100 && a <= 600));
        assertArrayEquals(bags, LuckyBags.bagAmounts(SECRET, "pool-1", pool));
        assertFalse(Arrays.equals(bags, LuckyBags.bagAmounts(SECRET, "pool-2", pool)));
        // a pool with no room to choose: every bag holds the same
        assertArrayEquals(new long[] {50, 50, 50}, LuckyBags.bagAmounts(SECRET, "p", new Pool(150, 3, 50, 50)));
    }

    @Test
    void theBoundsOfAnAmountAtItsEdges() {
        Pool pool = new Pool(1_000, 4, 100, 400);
        // with 1,000 fen for 4 bags the first holds 100 (pick 0) to 400 (pick just under 1)
        assertEquals(100, LuckyBags.amount(pool, 1_000, 4, 0.0));
        assertEquals(400, LuckyBags.amount(pool, 1_000, 4, Math.nextDown(1.0)));
        // 3 bags left with 900: each after this one needs at least 100, so this one holds at most 700 — but 400 caps it
        assertEquals(400, LuckyBags.amount(pool, 900, 3, Math.nextDown(1.0)));
        // 2 left with 750: the other holds at most 400, so this one at least 350
        assertEquals(350, LuckyBags.amount(pool, 750, 2, 0.0));
        // the last takes what is left
        assertEquals(230, LuckyBags.amount(pool, 230, 1, 0.7));
    }

    @Test
    void aDrawIsTheSameForTheSameInputsAndAnyoneWithTheSecretCanRecomputeIt() {
        Draw a = LuckyBags.draw(SECRET, "pool-1", "buyer-1", "donation:d-1", 300_000);
        Draw again = LuckyBags.draw(SECRET, "pool-1", "buyer-1", "donation:d-1", 300_000);
        assertEquals(a, again);
        assertEquals(64, a.hmacHex().length());
        assertFalse(a.equals(LuckyBags.draw(SECRET, "pool-1", "buyer-1", "donation:d-2", 300_000)));
        assertEquals(64, LuckyBags.commitment(SECRET).length());
    }

    @Test
    void theChanceIsTheStatedOneInTheLongRun() {
        int opened = 0;
        for (int i = 0; i < 100_000; i++) {
            if (LuckyBags.draw(SECRET, "pool-1", "buyer-" + i, "p-" + i, 250_000)
                    .opens()) {
                opened++;
            }
        }
        // 25 % of 100,000, within five standard deviations (σ ≈ 137)
        assertTrue(Math.abs(opened - 25_000) < 700, "opened " + opened);
        assertFalse(LuckyBags.draw(SECRET, "pool-1", "b", "p", 0).opens());
        assertTrue(LuckyBags.draw(SECRET, "pool-1", "b", "p", LuckyBags.PARTS).opens());
        assertThrows(IllegalArgumentException.class, () -> LuckyBags.draw(SECRET, "p", "b", "p", -1));
    }
}
