package dev.persona.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.persona.core.metrics.RankingMetrics;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The figures eval ranking prints, from core's RankingMetrics through {@link RankingScores#of}: what core's own tests
 * do not already pin, and the CLI's averaging over seeds.
 */
class RankingScoresTest {

    private static final double EPSILON = 1e-12;

    @Test
    void theIdealHoldsAtMostKHits() {
        RankingMetrics metrics = new RankingMetrics(2);
        metrics.add(List.of("r1", "r2", "r3"), Set.of("r1", "r2", "r3", "r4"));
        RankingScores scores = RankingScores.of(metrics, 10);
        assertEquals(1, scores.precision(), EPSILON);
        assertEquals(0.5, scores.recall(), EPSILON);
        assertEquals(1, scores.ndcg(), EPSILON);
        assertEquals(1, scores.hitRate(), EPSILON);
    }

    @Test
    void usersAreAveragedAndCoverageCountsDistinctItemsWithinK() {
        RankingMetrics metrics = new RankingMetrics(2);
        metrics.add(List.of("a", "b", "c"), Set.of("a"));
        metrics.add(List.of("b", "d"), Set.of("x", "y"));
        RankingScores scores = RankingScores.of(metrics, 10);
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

    private static RankingScores round(RankingScores s) {
        return new RankingScores(r(s.precision()), r(s.recall()), r(s.ndcg()), r(s.hitRate()), r(s.coverage()));
    }

    private static double r(double value) {
        return Math.round(value * 1e9) / 1e9;
    }
}
