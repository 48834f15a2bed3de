package dev.persona.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private static final double EPSILON = 1e-12;

    @Test
    void hitsAtRanksTwoAndFiveOfThreeRelevant() {
        RankingMetrics.UserScores scores = RankingMetrics.score(List.of("a", "b", "c", "d", "e"), Set.of("b", "e",
                "z"), 5);
        assertEquals(2, scores.hits());
        assertEquals(0.4, scores.precision(), EPSILON);
        assertEquals(2.0 / 3, scores.recall(), EPSILON);
        // DCG = 1/log2(3) + 1/log2(6) = 1.0177825608; IDCG over 3 hits = 1 + 1/log2(3) + 1/2 = 2.1309297536
        assertEquals(0.4776237035, scores.ndcg(), 1e-9);
        assertTrue(scores.hit());
    }

    @Test
    void aShortListIsStillDividedByK() {
        RankingMetrics.UserScores scores = RankingMetrics.score(List.of("x"), Set.of("x"), 10);
        assertEquals(0.1, scores.precision(), EPSILON);
        assertEquals(1, scores.recall(), EPSILON);
        assertEquals(1, scores.ndcg(), EPSILON);
    }

    @Test
    void theIdealHoldsAtMostKHits() {
        RankingMetrics.UserScores scores = RankingMetrics.score(List.of("r1", "r2", "r3"), Set.of("r1", "r2", "r3",
                "r4"), 2);
        assertEquals(2, scores.hits());
        assertEquals(1, scores.precision(), EPSILON);
        assertEquals(0.5, scores.recall(), EPSILON);
        assertEquals(1, scores.ndcg(), EPSILON);
    }

    @Test
    void onlyTheFirstKCountAndARepeatedItemCountsOnce() {
        RankingMetrics.UserScores late = RankingMetrics.score(List.of("a", "b", "hit"), Set.of("hit"), 2);
        assertEquals(0, late.hits());
        assertEquals(0, late.ndcg(), EPSILON);
        assertFalse(late.hit());
        RankingMetrics.UserScores repeated = RankingMetrics.score(List.of("hit", "hit"), Set.of("hit"), 2);
        assertEquals(1, repeated.hits());
        assertEquals(0.5, repeated.precision(), EPSILON);
    }

    @Test
    void aHitAtRankTwoOfOneRelevant() {
        // 1/log2(3) over an ideal of 1
        assertEquals(0.6309297536, RankingMetrics.score(List.of("a", "b"), Set.of("b"), 10).ndcg(), 1e-9);
        assertEquals(1, RankingMetrics.discount(1), EPSILON);
        assertEquals(0.5, RankingMetrics.discount(3), EPSILON);
    }

    @Test
    void usersAreAveragedAndCoverageCountsDistinctItemsWithinK() {
        RankingMetrics metrics = new RankingMetrics(2, 10);
        metrics.add(List.of("a", "b", "c"), Set.of("a"));
        metrics.add(List.of("b", "d"), Set.of("x", "y"));
        RankingScores scores = metrics.scores();
        assertEquals(2, metrics.users());
        assertEquals((0.5 + 0) / 2, scores.precision(), EPSILON);
        assertEquals((1 + 0) / 2.0, scores.recall(), EPSILON);
        assertEquals((1 + 0) / 2.0, scores.ndcg(), EPSILON);
        assertEquals(0.5, scores.hitRate(), EPSILON);
        assertEquals(3 / 10.0, scores.coverage(), EPSILON);
    }

    @Test
    void scoresAreAveragedOverSeeds() {
        RankingScores mean = RankingScores.mean(List.of(new RankingScores(0.1, 0.2, 0.3, 0.4, 0.5),
                new RankingScores(0.3, 0.4, 0.5, 0.6, 0.7)));
        assertEquals(new RankingScores(0.2, 0.3, 0.4, 0.5, 0.6).toString(), round(mean).toString());
    }

    @Test
    void aUserWithoutRelevantItemsIsNotScored() {
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.score(List.of("a"), Set.of(), 10));
    }

    private static RankingScores round(RankingScores s) {
        return new RankingScores(r(s.precision()), r(s.recall()), r(s.ndcg()), r(s.hitRate()), r(s.coverage()));
    }

    private static double r(double value) {
        return Math.round(value * 1e9) / 1e9;
    }
}
