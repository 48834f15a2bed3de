package dev.persona.recommend.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** Sums one strategy's metrics over the evaluated users and rating predictions, then averages them. */
public final class StrategyScores {

    /** The averages. */
    public record Summary(double precision, double recall, double ndcg, double hitRate, double map, double coverage,
                          double popularityBias, double rmse, double mae, boolean hasRatingMetrics, long users,
                          long ratings) {
    }

    private final int k;
    private final ToDoubleFunction<String> popularityShare;
    private final Set<String> recommended = new HashSet<>();
    private double precision;
    private double recall;
    private double ndcg;
    private double hits;
    private double map;
    private long users;
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
        this.k = k;
        this.popularityShare = popularityShare;
    }

    /** One user's list (at most k items are read) against their relevant held-out items (not empty). */
    public void addList(List<String> ranked, Set<String> relevant) {
        List<String> top = ranked.subList(0, Math.min(k, ranked.size()));
        precision += RankingMetrics.precision(top, relevant, k);
        recall += RankingMetrics.recall(top, relevant, k);
        ndcg += RankingMetrics.ndcg(top, relevant, k);
        hits += RankingMetrics.hit(top, relevant, k);
        map += RankingMetrics.averagePrecision(top, relevant, k);
        users++;
        for (String item : top) {
            recommended.add(item);
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

    /** The averages; coverage counts the distinct recommended items among {@code catalogue} active items. */
    public Summary summary(Set<String> activeItems) {
        long covered = recommended.stream().filter(activeItems::contains).count();
        double u = Math.max(users, 1);
        return new Summary(precision / u, recall / u, ndcg / u, hits / u, map / u,
                activeItems.isEmpty() ? 0 : (double) covered / activeItems.size(),
                recommendations == 0 ? 0 : popularitySum / recommendations,
                ratings == 0 ? 0 : Math.sqrt(squared / ratings), ratings == 0 ? 0 : absolute / ratings,
                ratings > 0, users, ratings);
    }
}
