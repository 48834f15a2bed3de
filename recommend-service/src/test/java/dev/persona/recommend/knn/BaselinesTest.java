package dev.persona.recommend.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    /** Three users, three items, seven ratings; μ = 21 / 7 = 3. */
    static final Map<String, Map<String, Double>> RATINGS = Map.of(
            "u1", Map.of("a", 5.0, "b", 3.0),
            "u2", Map.of("a", 4.0, "b", 1.0, "c", 3.0),
            "u3", Map.of("b", 2.0, "c", 3.0));

    @Test
    void biasesByHandWithSmallLambdas() {
        Baselines baselines = Baselines.fit(RATINGS, 1, 2);
        assertEquals(3, baselines.globalMean(), 1e-12);
        // b_i = Σ (r − μ) / (1 + n_i)
        assertEquals((2 + 1) / 3.0, baselines.itemBias("a"), 1e-12);
        assertEquals((0 - 2 - 1) / 4.0, baselines.itemBias("b"), 1e-12);
        assertEquals(0, baselines.itemBias("c"), 1e-12);
        // b_u = Σ (r − μ − b_i) / (2 + n_u)
        assertEquals((1 + 0.75) / 4, baselines.userBias("u1"), 1e-12);
        assertEquals((0 - 1.25 + 0) / 5, baselines.userBias("u2"), 1e-12);
        assertEquals((-0.25 + 0) / 4, baselines.userBias("u3"), 1e-12);
        assertEquals(3 + 7 / 16.0 + 0, baselines.estimate("u1", "c"), 1e-12);
    }

    @Test
    void defaultLambdasAreTenForItemsAndFifteenForUsers() {
        Baselines baselines = Baselines.fit(RATINGS);
        double ba = 3 / 12.0;
        double bb = -3 / 13.0;
        assertEquals(ba, baselines.itemBias("a"), 1e-12);
        assertEquals(bb, baselines.itemBias("b"), 1e-12);
        assertEquals(((5 - 3 - ba) + (3 - 3 - bb)) / 17, baselines.userBias("u1"), 1e-12);
    }

    @Test
    void unknownUsersAndItemsHaveNoBias() {
        Baselines baselines = Baselines.fit(RATINGS, 1, 2);
        assertEquals(0, baselines.userBias("nobody"));
        assertEquals(0, baselines.itemBias("nothing"));
        assertEquals(3, baselines.estimate("nobody", "nothing"), 1e-12);
    }

    @Test
    void rejectsNoRatingsAndBadLambdas() {
        assertThrows(IllegalArgumentException.class, () -> Baselines.fit(Map.of("u", Map.of())));
        assertThrows(IllegalArgumentException.class, () -> Baselines.fit(RATINGS, -1, 15));
        assertThrows(IllegalArgumentException.class, () -> Baselines.fit(RATINGS, 10, Double.NaN));
    }
}
