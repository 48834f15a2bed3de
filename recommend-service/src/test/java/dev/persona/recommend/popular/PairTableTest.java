package dev.persona.recommend.popular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairTableTest {

    @Test
    void agreesWithAHashMapThroughInsertionsAndRemovals() {
        Random random = new Random(8);
        PairTable table = new PairTable();
        Map<Long, Integer> reference = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // Few users and items, so that keys are often present and probe runs are long.
            long key = PairTable.key(random.nextInt(300), random.nextInt(300));
            if (random.nextInt(3) == 0) {
                table.remove(key);
                reference.remove(key);
            } else if (table.get(key) < 0) {
                table.putAbsent(key, step);
                reference.put(key, step);
            }
            assertEquals(reference.getOrDefault(key, -1), table.get(key));
        }
        assertEquals(reference.size(), table.size());
        for (int u = 0; u < 300; u++) {
            for (int i = 0; i < 300; i++) {
                long key = PairTable.key(u, i);
                assertEquals(reference.getOrDefault(key, -1), table.get(key));
            }
        }
    }
}
