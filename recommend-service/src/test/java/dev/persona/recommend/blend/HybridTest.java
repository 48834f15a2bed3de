package dev.persona.recommend.blend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.persona.recommend.ranking.Scored;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HybridTest {

    private static final Hybrid HYBRID =
            new Hybrid(Map.of("ITEM_KNN", 2.0, "USER_KNN", 1.0, "POPULAR", 1.0, "TRENDING", 0.5));

    private static Map<String, List<Scored>> lists() {
        Map<String, List<Scored>> lists = new LinkedHashMap<>();
        lists.put("ITEM_KNN", List.of(
                new Scored("p", 3, List.of("h1")),
                new Scored("q", 2, List.of("h2", "h1")),
                new Scored("r", 1, List.of("h3"))));
        lists.put("USER_KNN", List.of(new Scored("q", 4, List.of("h1", "h3")), new Scored("p", 2, List.of("h3"))));
        lists.put("POPULAR", List.of(Scored.of("q", 100), Scored.of("s", 50)));
        lists.put("TRENDING", List.of(Scored.of("t", 7)));
        return lists;
    }

    private static void assertBlend(List<Scored> expected, List<Scored> actual) {
        assertEquals(expected.stream().map(Scored::itemId).toList(), actual.stream().map(Scored::itemId).toList());
        for (int r = 0; r < expected.size(); r++) {
            assertEquals(expected.get(r).score(), actual.get(r).score(), 1e-12, expected.get(r).itemId());
            assertEquals(expected.get(r).because(), actual.get(r).because(), expected.get(r).itemId());
        }
    }

    @Test
    void blendsMinMaxNormalisedScoresWithTheWeights() {
        // norms: ITEM_KNN p 1, q 0.5, r 0; USER_KNN q 1, p 0; POPULAR q 1, s 0; TRENDING t 1 (a single item)
        // q: reasons h2 1/1 and h1 1/2 from ITEM_KNN (contribution 1), h1 1/1 and h3 1/2 from USER_KNN (1)
        assertBlend(List.of(
                new Scored("q", 2 * 0.5 + 1 + 1, List.of("h1", "h2", "h3")),
                new Scored("p", 2 * 1 + 0, List.of("h1")),
                new Scored("t", 0.5, List.of()),
                new Scored("r", 0, List.of()),
                new Scored("s", 0, List.of())), HYBRID.blend(lists()));
    }

    @Test
    void theOrderOfTheListsDoesNotMatter() {
        Map<String, List<Scored>> reversed = new LinkedHashMap<>();
        List.of("TRENDING", "POPULAR", "USER_KNN", "ITEM_KNN").forEach(s -> reversed.put(s, lists().get(s)));
        assertEquals(HYBRID.blend(lists()), HYBRID.blend(reversed));
    }

    @Test
    void aListOfEqualScoresNormalisesToOne() {
        List<Scored> blended = new Hybrid(Map.of()).blend(Map.of("A", List.of(Scored.of("y", 2), Scored.of("x", 2))));
        assertBlend(List.of(Scored.of("x", 1), Scored.of("y", 1)), blended);
    }

    @Test
    void atMostThreeReasonsMostCreditedFirst() {
        List<Scored> blended = new Hybrid(Map.of("A", 1.0, "B", 3.0)).blend(Map.of(
                "A", List.of(new Scored("x", 1, List.of("r1", "r2", "r3"))),
                "B", List.of(new Scored("x", 1, List.of("r4", "r3")))));
        // credits: r4 3, r3 1/3 + 3/2, r1 1, r2 1/2
        assertBlend(List.of(new Scored("x", 4, List.of("r4", "r3", "r1"))), blended);
    }

    @Test
    void unnamedStrategiesTakeTheDefaultWeight() {
        Map<String, List<Scored>> lists = Map.of("A", List.of(Scored.of("a", 1)), "B", List.of(Scored.of("b", 1)));
        assertBlend(List.of(Scored.of("b", 3), Scored.of("a", 1)), new Hybrid(Map.of("B", 3.0)).blend(lists));
        assertBlend(List.of(Scored.of("b", 3), Scored.of("a", 0)), new Hybrid(Map.of("B", 3.0), 0).blend(lists));
        assertEquals(0, new Hybrid(Map.of("B", 3.0), 0).weight("A"));
    }

    @Test
    void emptyListsAddNothing() {
        assertEquals(List.of(), HYBRID.blend(Map.of("ITEM_KNN", List.of())));
    }

    @Test
    void rejectsBadWeightsAndRepeatedItems() {
        assertThrows(IllegalArgumentException.class, () -> new Hybrid(Map.of("A", -1.0)));
        assertThrows(IllegalArgumentException.class, () -> new Hybrid(Map.of("A", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> new Hybrid(Map.of(), Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class,
                () -> HYBRID.blend(Map.of("A", List.of(Scored.of("x", 1), Scored.of("x", 2)))));
    }
}
