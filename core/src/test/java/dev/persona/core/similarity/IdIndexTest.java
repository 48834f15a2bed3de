package dev.persona.core.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IdIndexTest {

    @Test
    void indicesFollowFirstSeenOrder() {
        IdIndex index = new IdIndex();
        assertEquals(0, index.add("b"));
        assertEquals(1, index.add("a"));
        assertEquals(0, index.add("b"));
        assertEquals(2, index.size());
        assertEquals("a", index.id(1));
        assertEquals(1, index.indexOf("a"));
    }

    @Test
    void unknownIdIsMinusOne() {
        assertEquals(-1, new IdIndex().indexOf("nobody"));
    }

    @Test
    void nullIdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new IdIndex().add(null));
    }
}
