package org.gongyi.forest.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FriendShareTest {

    private final FriendShare thirty = new FriendShare(30);

    @Test
    void eachFriendTakesThePercentOfWhatIsLeftRoundedDown() {
        assertEquals(54, thirty.take(180));
        assertEquals(37, thirty.take(126)); // the second friend, after the first took 54
        assertEquals(300, thirty.take(1_000));
        assertEquals(210, thirty.take(700));
    }

    @Test
    void atLeastOneGramAndTheOwnerKeepsOne() {
        assertEquals(1, thirty.take(3));
        assertEquals(1, thirty.take(2));
        assertEquals(0, thirty.take(1));
        assertEquals(0, thirty.take(0));
        assertEquals(99, new FriendShare(100).take(100));
    }

    @Test
    void theShareIsAPercent() {
        assertThrows(IllegalArgumentException.class, () -> new FriendShare(0));
        assertThrows(IllegalArgumentException.class, () -> new FriendShare(101));
    }
}
