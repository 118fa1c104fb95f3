package org.gongyi.deploy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartPolicyTest {

    private static final Instant T = Instant.parse("2026-12-05T09:00:00Z");

    @Test
    void delaysDoubleUpToTheLongestAndTheFifthCrashInFiveMinutesGivesUp() {
        RestartPolicy policy =
                new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(3), 5, Duration.ofMinutes(5));
        assertEquals(new RestartPolicy.Decision(Duration.ofSeconds(1), 1), policy.crashed(T));
        assertEquals(new RestartPolicy.Decision(Duration.ofSeconds(2), 2), policy.crashed(T.plusSeconds(10)));
        assertEquals(new RestartPolicy.Decision(Duration.ofSeconds(3), 3), policy.crashed(T.plusSeconds(20)));
        assertEquals(new RestartPolicy.Decision(Duration.ofSeconds(3), 4), policy.crashed(T.plusSeconds(30)));
        RestartPolicy.Decision fifth = policy.crashed(T.plusSeconds(40));
        assertTrue(fifth.givesUp());
        assertNull(fifth.delay());
        assertEquals(5, fifth.crashesInWindow());
    }

    @Test
    void crashesOlderThanTheWindowAreForgotten() {
        RestartPolicy policy =
                new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 3, Duration.ofMinutes(5));
        policy.crashed(T);
        policy.crashed(T.plusSeconds(60));
        // five minutes after the first: that one is out of the window, so this is the second, not the third
        RestartPolicy.Decision third = policy.crashed(T.plus(Duration.ofMinutes(5)));
        assertFalse(third.givesUp());
        assertEquals(new RestartPolicy.Decision(Duration.ofSeconds(2), 2), third);
        // an hour of staying up: the next crash counts as the first again
        assertEquals(new RestartPolicy.Decision(Duration.ofSeconds(1), 1), policy.crashed(T.plus(Duration.ofHours(1))));
    }

    @Test
    void theStandardPolicyIsWhatTheReadmeSays() {
        RestartPolicy policy = RestartPolicy.standard();
        assertEquals(5, policy.maxCrashes());
        assertEquals(Duration.ofMinutes(5), policy.window());
        assertEquals(Duration.ofSeconds(1), policy.crashed(T).delay());
        assertEquals(Duration.ofSeconds(2), policy.crashed(T.plusSeconds(1)).delay());
        assertEquals(Duration.ofSeconds(4), policy.crashed(T.plusSeconds(2)).delay());
        assertEquals(Duration.ofSeconds(8), policy.crashed(T.plusSeconds(3)).delay());
        assertTrue(policy.crashed(T.plusSeconds(4)).givesUp());
    }

    @Test
    void aPolicyThatCouldNeverRestartIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new RestartPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 5, Duration.ofMinutes(5)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofMinutes(5)));
    }
}
