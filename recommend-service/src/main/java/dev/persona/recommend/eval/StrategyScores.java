package dev.persona.recommend.eval;

import dev.persona.core.metrics.RankingMetrics;
import dev.persona.core.metrics.RatingErrors;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * One strategy's figures over the evaluated users and rating predictions: the ranking metrics and coverage are
 * core's {@link RankingMetrics} (the suite's one definition of P/R/NDCG/HR/MAP@k), RMSE and MAE core's
 * {@link RatingErrors}; what is recommend's own is kept here: the popularity bias of the recommended items.
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
    private final RatingErrors errors = new RatingErrors();

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
        errors.add(predicted, actual);
    }

    /** The averages; coverage is the share of {@code activeItems} recommended to anyone. */
    public Summary summary(Set<String> activeItems) {
        RankingMetrics.Summary m = ranking.summary();
        long ratings = errors.count();
        return new Summary(m.precision(), m.recall(), m.ndcg(), m.hitRate(), m.map(), ranking.coverage(activeItems),
                recommendations == 0 ? 0 : popularitySum / recommendations,
                ratings == 0 ? 0 : errors.rmse(), ratings == 0 ? 0 : errors.mae(), ratings > 0, m.users(), ratings);
    }
}
