package dev.persona.core.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntMapTest {

    @Test
    void agreesWithHashMapUnderRandomPutsAndRemoves() {
        Random random = new Random(5);
        LongIntMap map = new LongIntMap();
        Map<Long, Integer> reference = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            long key = ((long) random.nextInt(300) << 32) | random.nextInt(300);
            if (random.nextInt(3) == 0) {
                map.remove(key);
                reference.remove(key);
            } else {
                map.put(key, step);
                reference.put(key, step);
            }
            long probe = ((long) random.nextInt(300) << 32) | random.nextInt(300);
            assertEquals(reference.getOrDefault(probe, -1), map.get(probe));
        }
        assertEquals(reference.size(), map.size());
        reference.forEach((k, v) -> assertEquals(v, map.get(k)));
    }
}
