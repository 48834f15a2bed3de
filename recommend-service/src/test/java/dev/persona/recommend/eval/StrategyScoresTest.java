package dev.persona.recommend.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private static final double EPS = 1e-9;
    private static final List<String> RANKED = List.of("a", "b", "c", "d");
    private static final Set<String> RELEVANT = Set.of("b", "d", "x");

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void oneHitInTheTopThree() {
        assertEquals(1.0 / 3, RankingMetrics.precision(RANKED, RELEVANT, 3), EPS);
        assertEquals(1.0 / 3, RankingMetrics.recall(RANKED, RELEVANT, 3), EPS);
        assertEquals(1.0, RankingMetrics.hit(RANKED, RELEVANT, 3), EPS);
        // DCG: the hit at rank 2 gives 1/log2(3); ideal: three relevant at ranks 1..3.
        double ideal = 1 + 1 / log2(3) + 1 / log2(4);
        assertEquals((1 / log2(3)) / ideal, RankingMetrics.ndcg(RANKED, RELEVANT, 3), EPS);
        assertEquals(0.29608, RankingMetrics.ndcg(RANKED, RELEVANT, 3), 1e-5);
        // AP: precision 1/2 at the hit, over min(3 relevant, k 3).
        assertEquals(0.5 / 3, RankingMetrics.averagePrecision(RANKED, RELEVANT, 3), EPS);
    }

    @Test
    void twoHitsInTheTopFour() {
        assertEquals(0.5, RankingMetrics.precision(RANKED, RELEVANT, 4), EPS);
        assertEquals(2.0 / 3, RankingMetrics.recall(RANKED, RELEVANT, 4), EPS);
        double ideal = 1 + 1 / log2(3) + 1 / log2(4);
        assertEquals((1 / log2(3) + 1 / log2(5)) / ideal, RankingMetrics.ndcg(RANKED, RELEVANT, 4), EPS);
        assertEquals((0.5 + 0.5) / 3, RankingMetrics.averagePrecision(RANKED, RELEVANT, 4), EPS);
    }

    @Test
    void noHitAndPerfectLists() {
        Set<String> none = Set.of("z");
        assertEquals(0, RankingMetrics.precision(RANKED, none, 4), EPS);
        assertEquals(0, RankingMetrics.hit(RANKED, none, 4), EPS);
        assertEquals(0, RankingMetrics.ndcg(RANKED, none, 4), EPS);
        assertEquals(0, RankingMetrics.averagePrecision(RANKED, none, 4), EPS);
        List<String> perfect = List.of("x", "y");
        assertEquals(1, RankingMetrics.ndcg(perfect, Set.of("x", "y"), 2), EPS);
        assertEquals(1, RankingMetrics.averagePrecision(perfect, Set.of("x", "y"), 2), EPS);
        assertEquals(1, RankingMetrics.precision(perfect, Set.of("x", "y"), 2), EPS);
    }

    @Test
    void aListShorterThanKStillDividesPrecisionByK() {
        List<String> one = List.of("x");
        assertEquals(0.2, RankingMetrics.precision(one, Set.of("x"), 5), EPS);
        assertEquals(1, RankingMetrics.recall(one, Set.of("x"), 5), EPS);
        assertEquals(1, RankingMetrics.ndcg(one, Set.of("x"), 5), EPS);
        assertEquals(1, RankingMetrics.averagePrecision(one, Set.of("x"), 5), EPS);
        // More relevant items than k: the ideal and AP's normaliser stop at k.
        assertEquals(1, RankingMetrics.ndcg(List.of("a", "b"), Set.of("a", "b", "c"), 2), EPS);
        assertEquals(1, RankingMetrics.averagePrecision(List.of("a", "b"), Set.of("a", "b", "c"), 2), EPS);
    }

    @Test
    void strategyScoresAverageCoverAndWeighPopularity() {
        StrategyScores s = new StrategyScores(2, item -> switch (item) {
            case "a" -> 0.5;
            case "b" -> 0.25;
            default -> 1.0;
        });
        s.addList(List.of("a", "b", "ignored"), Set.of("a"));
        s.addList(List.of("a", "c"), Set.of("c"));
        s.addRating(4, 5);
        s.addRating(3, 1);
        StrategyScores.Summary m = s.summary(Set.of("a", "b", "c", "d"));
        assertEquals(2, m.users());
        assertEquals(0.5, m.precision(), EPS);
        assertEquals(1, m.recall(), EPS);
        assertEquals(1, m.hitRate(), EPS);
        assertEquals((1 + 1 / log2(3)) / 2, m.ndcg(), EPS);
        assertEquals((1 + 0.5) / 2, m.map(), EPS);
        assertEquals(0.75, m.coverage(), EPS);
        assertEquals((0.5 + 0.25 + 0.5 + 1) / 4, m.popularityBias(), EPS);
        assertEquals(Math.sqrt(2.5), m.rmse(), EPS);
        assertEquals(1.5, m.mae(), EPS);
        assertEquals(2, m.ratings());
        assertTrue(m.hasRatingMetrics());
    }
}
