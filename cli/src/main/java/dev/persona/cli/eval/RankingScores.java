package dev.persona.cli.eval;

import java.util.List;

/**
 * Top-k ranking figures of one strategy, each in [0, 1]: precision, recall, NDCG and hit rate averaged over the
 * evaluated users, and catalogue coverage. See {@link RankingMetrics}.
 */
public record RankingScores(double precision, double recall, double ndcg, double hitRate, double coverage) {

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
