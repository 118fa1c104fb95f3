package org.gongyi.reunion.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeHashTest {

    @Test
    void aCodeMatchesOnlyTheHashMadeFromItAndItsOwner() {
        String stored = CodeHash.of("loc-1", "7261-9918");
        assertEquals(64, stored.length());
        assertTrue(CodeHash.matches(stored, "loc-1", "7261-9918"));
        assertFalse(CodeHash.matches(stored, "loc-1", "7261-9919"));
        assertFalse(CodeHash.matches(stored, "loc-2", "7261-9918"), "the same code of another locator");
        assertNotEquals(CodeHash.of("loc-1", "x"), CodeHash.of("loc-1\nx", ""));
        assertFalse(CodeHash.matches(null, "loc-1", "7261-9918"), "an unregistered locator");
        assertFalse(CodeHash.matches("none", "loc-1", "7261-9918"), "a locator enrolled before pairing existed");
    }
}
