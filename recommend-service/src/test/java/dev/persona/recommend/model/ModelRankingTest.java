package dev.persona.recommend.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ModelRankingTest {

    @Test
    void theBoundedSelectionAgreesWithSortingTheWholeCatalogue() {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            int items = 1 + random.nextInt(300);
            String[] ids = new String[items];
            for (int i = 0; i < items; i++) {
                ids[i] = "i" + random.nextInt(1_000_000) + "-" + i;
            }
            EaseModel model = new EaseModel(ids, 1, new float[items * items]);
            float[] scores = new float[items];
            for (int i = 0; i < items; i++) {
                // few distinct values, so that ties (decided by id) are common
                scores[i] = random.nextInt(8) / 4f;
            }
            Predicate<String> allowed = id -> id.hashCode() % 3 != 0;
            int n = random.nextInt(60);

            Integer[] all = new Integer[items];
            Arrays.setAll(all, i -> i);
            int[] expected = Arrays.stream(all).filter(i -> allowed.test(ids[i]))
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> ids[i]))
                    .limit(n).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, ModelRanking.best(model, scores, allowed, n), "round " + round);
        }
    }

    @Test
    void eachItemNamesTheHistoryItemsWithTheLargestPositiveWeightsTowardsIt() {
        Random random = new Random(5);
        for (int round = 0; round < 100; round++) {
            int items = 2 + random.nextInt(40);
            String[] ids = new String[items];
            for (int i = 0; i < items; i++) {
                ids[i] = "i" + i;
            }
            float[] weights = new float[items * items];
            for (int w = 0; w < weights.length; w++) {
                weights[w] = random.nextInt(7) - 3; // ties and non-positive weights are common
            }
            EaseModel model = new EaseModel(ids, 1, weights);
            java.util.List<String> history = new java.util.ArrayList<>();
            for (int i = 0; i < items; i++) {
                if (random.nextInt(3) == 0) {
                    history.add(ids[i]);
                }
            }
            float[] scores = new float[items];
            for (var scored : ModelRanking.top(model, scores, id -> true, items, history)) {
                int item = model.itemIndex(scored.itemId());
                java.util.List<String> expected = history.stream()
                        .filter(h -> model.weight(model.itemIndex(h), item) > 0)
                        .sorted(Comparator.comparingDouble((String h) -> -model.weight(model.itemIndex(h), item)))
                        .limit(3).toList();
                org.junit.jupiter.api.Assertions.assertEquals(expected, scored.because(), "round " + round);
            }
        }
    }
}
