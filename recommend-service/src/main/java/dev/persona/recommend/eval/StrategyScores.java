package dev.persona.recommend.eval;

import dev.persona.core.metrics.RankingMetrics;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * One strategy's figures over the evaluated users and rating predictions: the ranking metrics and coverage are
 * core's {@link RankingMetrics} (the suite's one definition of P/R/NDCG/HR/MAP@k); what is recommend's own is kept
 * here: popularity bias of the recommended items, and RMSE and MAE of the rating predictions.
 */
public final class StrategyScores {

    /** The averages. */
    public record Summary(double precision, double recall, double ndcg, double hitRate, double map, double coverage,
                          double popularityBias, double rmse, double mae, boolean hasRatingMetrics, long users,
                          long ratings) {
    }

    private final RankingMetrics ranking;
    private final ToDoubleFunction<String> popularityShare;
    private double popularitySum;
    private long recommendations;
    private double squared;
    private double absolute;
    private long ratings;

    /**
     * @param k               the cut-off
     * @param popularityShare of an item, the share of training users who interacted with it
     */
    public StrategyScores(int k, ToDoubleFunction<String> popularityShare) {
        this.ranking = new RankingMetrics(k);
        this.popularityShare = popularityShare;
    }

    /** One user's list (at most k items are read) against their relevant held-out items (not empty). */
    public void addList(List<String> ranked, Set<String> relevant) {
        ranking.add(ranked, relevant);
        for (String item : ranked.subList(0, Math.min(ranking.k(), ranked.size()))) {
            popularitySum += popularityShare.applyAsDouble(item);
            recommendations++;
        }
    }

    /** One predicted rating (already clipped to the scale) against the held-out one. */
    public void addRating(double predicted, double actual) {
        double e = predicted - actual;
        squared += e * e;
        absolute += Math.abs(e);
        ratings++;
    }

    /** The averages; coverage is the share of {@code activeItems} recommended to anyone. */
    public Summary summary(Set<String> activeItems) {
        RankingMetrics.Summary m = ranking.summary();
        return new Summary(m.precision(), m.recall(), m.ndcg(), m.hitRate(), m.map(), ranking.coverage(activeItems),
                recommendations == 0 ? 0 : popularitySum / recommendations,
                ratings == 0 ? 0 : Math.sqrt(squared / ratings), ratings == 0 ? 0 : absolute / ratings,
                ratings > 0, m.users(), ratings);
    }
}
