package dev.persona.recommend.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.core.metrics.RankingMetrics;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The figures EvaluateOffline reports: hand-computed lists scored with core's {@link RankingMetrics} (what
 * {@link StrategyScores} sums per user), and StrategyScores' averages, coverage, popularity bias and rating errors.
 */
class StrategyScoresTest {

    private static final double EPS = 1e-9;
    private static final List<String> RANKED = List.of("a", "b", "c", "d");
    private static final Set<String> RELEVANT = Set.of("b", "d", "x");

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void oneHitInTheTopThree() {
        RankingMetrics.UserScores top3 = RankingMetrics.score(RANKED, RELEVANT, 3);
        assertEquals(1.0 / 3, top3.precision(), EPS);
        assertEquals(1.0 / 3, top3.recall(), EPS);
        assertEquals(1.0, top3.hitRate(), EPS);
        // DCG: the hit at rank 2 gives 1/log2(3); ideal: three relevant at ranks 1..3.
        double ideal = 1 + 1 / log2(3) + 1 / log2(4);
        assertEquals((1 / log2(3)) / ideal, top3.ndcg(), EPS);
        assertEquals(0.29608, top3.ndcg(), 1e-5);
        // AP: precision 1/2 at the hit, over min(3 relevant, k 3).
        assertEquals(0.5 / 3, top3.averagePrecision(), EPS);
    }

    @Test
    void twoHitsInTheTopFour() {
        RankingMetrics.UserScores top4 = RankingMetrics.score(RANKED, RELEVANT, 4);
        assertEquals(0.5, top4.precision(), EPS);
        assertEquals(2.0 / 3, top4.recall(), EPS);
        double ideal = 1 + 1 / log2(3) + 1 / log2(4);
        assertEquals((1 / log2(3) + 1 / log2(5)) / ideal, top4.ndcg(), EPS);
        assertEquals((0.5 + 0.5) / 3, top4.averagePrecision(), EPS);
    }

    @Test
    void noHitAndPerfectLists() {
        RankingMetrics.UserScores none = RankingMetrics.score(RANKED, Set.of("z"), 4);
        assertEquals(0, none.precision(), EPS);
        assertEquals(0, none.hitRate(), EPS);
        assertEquals(0, none.ndcg(), EPS);
        assertEquals(0, none.averagePrecision(), EPS);
        RankingMetrics.UserScores perfect = RankingMetrics.score(List.of("x", "y"), Set.of("x", "y"), 2);
        assertEquals(1, perfect.ndcg(), EPS);
        assertEquals(1, perfect.averagePrecision(), EPS);
        assertEquals(1, perfect.precision(), EPS);
    }

    @Test
    void aListShorterThanKStillDividesPrecisionByK() {
        RankingMetrics.UserScores one = RankingMetrics.score(List.of("x"), Set.of("x"), 5);
        assertEquals(0.2, one.precision(), EPS);
        assertEquals(1, one.recall(), EPS);
        assertEquals(1, one.ndcg(), EPS);
        assertEquals(1, one.averagePrecision(), EPS);
        // More relevant items than k: the ideal and AP's normaliser stop at k.
        RankingMetrics.UserScores cut = RankingMetrics.score(List.of("a", "b"), Set.of("a", "b", "c"), 2);
        assertEquals(1, cut.ndcg(), EPS);
        assertEquals(1, cut.averagePrecision(), EPS);
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
