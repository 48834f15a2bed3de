package dev.persona.cli.eval;

import dev.persona.core.metrics.RankingMetrics;
import java.util.List;

/**
 * Top-k ranking figures of one strategy, each in [0, 1], as the report prints them: precision, recall, NDCG and hit
 * rate averaged over the evaluated users, and catalogue coverage. The figures come from core's
 * {@link RankingMetrics}; this record only carries them to the report and averages them over seeds.
 */
public record RankingScores(double precision, double recall, double ndcg, double hitRate, double coverage) {

    /** The averages {@code metrics} holds so far, with its coverage of a catalogue of {@code catalogueItems}. */
    static RankingScores of(RankingMetrics metrics, int catalogueItems) {
        RankingMetrics.Summary summary = metrics.summary();
        return new RankingScores(summary.precision(), summary.recall(), summary.ndcg(), summary.hitRate(),
                metrics.coverage(catalogueItems));
    }

    /** The mean of each figure (over seeds); the list must not be empty. */
    public static RankingScores mean(List<RankingScores> scores) {
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("no scores to average");
        }
        int n = scores.size();
        return new RankingScores(
                scores.stream().mapToDouble(RankingScores::precision).sum() / n,
                scores.stream().mapToDouble(RankingScores::recall).sum() / n,
                scores.stream().mapToDouble(RankingScores::ndcg).sum() / n,
                scores.stream().mapToDouble(RankingScores::hitRate).sum() / n,
                scores.stream().mapToDouble(RankingScores::coverage).sum() / n);
    }

    /** The figures in report order: P, R, NDCG, HR, coverage. */
    public double[] values() {
        return new double[] {precision, recall, ndcg, hitRate, coverage};
    }
}
