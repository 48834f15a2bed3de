package dev.persona.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private static final double EPS = 1e-12;

    private static double d(int rank) {
        return 1 / (Math.log(rank + 1) / Math.log(2));
    }

    @Test
    void theDiscountIsOneOverLog2OfRankPlusOne() {
        assertEquals(1.0, RankingMetrics.discount(1), EPS);
        assertEquals(0.5, RankingMetrics.discount(3), EPS);
        assertEquals(1 / 3.0, RankingMetrics.discount(7), EPS);
    }

    @Test
    void handComputedFiguresOfOneList() {
        // Hits at ranks 1 and 3 of 4; 3 relevant items.
        RankingMetrics.UserScores s = RankingMetrics.score(List.of("a", "x", "b", "y"), Set.of("a", "b", "c"), 4);
        assertEquals(2, s.hits());
        assertEquals(0.5, s.precision(), EPS);
        assertEquals(2.0 / 3, s.recall(), EPS);
        assertEquals((d(1) + d(3)) / (d(1) + d(2) + d(3)), s.ndcg(), EPS);
        assertEquals((1.0 + 2.0 / 3) / 3, s.averagePrecision(), EPS);
        assertEquals(1, s.hitRate(), EPS);
    }

    @Test
    void onlyTheFirstKCountAndPrecisionDividesByKEvenForShortLists() {
        RankingMetrics.UserScores s = RankingMetrics.score(List.of("x", "a"), Set.of("a"), 5);
        assertEquals(1.0 / 5, s.precision(), EPS);
        assertEquals(d(2) / d(1), s.ndcg(), EPS);
        assertEquals(0, RankingMetrics.score(List.of("x", "a"), Set.of("a"), 1).hits());
    }

    @Test
    void aRepeatedItemCountsOnceAtItsFirstRank() {
        RankingMetrics.UserScores repeated = RankingMetrics.score(List.of("a", "a", "b"), Set.of("a", "b"), 3);
        assertEquals(2, repeated.hits());
        assertEquals((d(1) + d(3)) / (d(1) + d(2)), repeated.ndcg(), EPS);
        assertEquals(2.0 / 3, repeated.precision(), EPS);
    }

    @Test
    void aUserWithoutRelevantItemsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.score(List.of("a"), Set.of(), 10));
        assertThrows(IllegalArgumentException.class, () -> new RankingMetrics(10).add(List.of("a"), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new RankingMetrics(0));
    }

    @Test
    void theAccumulatorAveragesOverUsersAndMeasuresCoverage() {
        RankingMetrics metrics = new RankingMetrics(2);
        metrics.add(List.of("a", "b", "c"), Set.of("a"));
        metrics.add(List.of("c", "d"), Set.of("z"));
        RankingMetrics.Summary summary = metrics.summary();
        assertEquals(2, summary.users());
        assertEquals((0.5 + 0) / 2, summary.precision(), EPS);
        assertEquals(0.5, summary.hitRate(), EPS);
        assertEquals(0.5, summary.ndcg(), EPS);
        assertEquals(0.5, summary.map(), EPS);
        assertEquals(4 / 8.0, metrics.coverage(8), EPS);
        assertEquals(2 / 3.0, metrics.coverage(Set.of("a", "d", "q")), EPS);
        assertEquals(0, new RankingMetrics(3).summary().ndcg(), EPS);
    }
}
