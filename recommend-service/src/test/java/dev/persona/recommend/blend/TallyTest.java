package dev.persona.recommend.blend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.persona.recommend.ranking.Scored;
import java.util.List;
import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void ranksByScoreThenIdWithPositiveReasonsLargestFirst() {
        Tally tally = new Tally();
        tally.add("b", 1);
        tally.add("a", 1);
        tally.add("c", 2);
        tally.credit("c", "r2", 1);
        tally.credit("c", "r1", 1);
        tally.credit("c", "r3", 0.5);
        tally.credit("c", "r4", 3);
        tally.credit("c", "r4", -2.5);
        tally.credit("c", "r5", -1);
        assertEquals(List.of(
                new Scored("c", 2, List.of("r1", "r2", "r3")),
                new Scored("a", 1, List.of()),
                new Scored("b", 1, List.of())), tally.ranked());
    }

    @Test
    void negativeZeroTiesWithZero() {
        Tally tally = new Tally();
        tally.add("b", 0.0);
        tally.add("a", -0.0);
        assertEquals(List.of("a", "b"), tally.ranked().stream().map(Scored::itemId).toList());
    }

    @Test
    void manyCreditsMergePerReasonInTheOrderGivenAndKeepTheThreeLargest() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 200; round++) {
            Tally tally = new Tally();
            java.util.Map<String, Double> expected = new java.util.LinkedHashMap<>();
            int credits = 1 + random.nextInt(60);
            for (int c = 0; c < credits; c++) {
                String reason = "r" + random.nextInt(25);
                double amount = random.nextInt(5) - 1.5 + (random.nextBoolean() ? 0 : 0.25);
                tally.credit("x", reason, amount);
                expected.merge(reason, amount, Double::sum);
            }
            List<String> reference = expected.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()
                            .thenComparing(java.util.Map.Entry.comparingByKey()))
                    .limit(Tally.MAX_REASONS).map(java.util.Map.Entry::getKey).toList();
            assertEquals(reference, tally.ranked().get(0).because(), "round " + round);
        }
    }
}
