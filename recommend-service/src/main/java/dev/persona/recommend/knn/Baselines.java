package dev.persona.recommend.knn;

import java.util.HashMap;
import java.util.Map;

/**
 * Baseline estimates b(u,i) = μ + b_u + b_i with regularised biases, fitted in one pass each (Koren, "Factor in the
 * neighbors", TKDD 2010, section 2.1):
 * <ul>
 *   <li>μ = the mean of all ratings;</li>
 *   <li>b_i = Σ_{u rated i} (r(u,i) − μ) / (λ_i + n_i), n_i the number of ratings of i;</li>
 *   <li>b_u = Σ_{i rated by u} (r(u,i) − μ − b_i) / (λ_u + n_u), n_u the number of ratings by u.</li>
 * </ul>
 * Users and items without ratings have bias 0. Immutable once fitted.
 */
public final class Baselines {

    /** λ_i, the shrinkage of item biases towards 0. */
    public static final double DEFAULT_ITEM_LAMBDA = 10;
    /** λ_u, the shrinkage of user biases towards 0. */
    public static final double DEFAULT_USER_LAMBDA = 15;

    private final double mean;
    private final Map<String, Double> userBiases;
    private final Map<String, Double> itemBiases;

    private Baselines(double mean, Map<String, Double> userBiases, Map<String, Double> itemBiases) {
        this.mean = mean;
        this.userBiases = userBiases;
        this.itemBiases = itemBiases;
    }

    /** Fits with λ_i = 10 and λ_u = 15. */
    public static Baselines fit(Map<String, ? extends Map<String, Double>> ratingsByUser) {
        return fit(ratingsByUser, DEFAULT_ITEM_LAMBDA, DEFAULT_USER_LAMBDA);
    }

    /**
     * Fits the biases.
     *
     * @param ratingsByUser user → (item → rating), one rating per user and item (see {@link Interests#ratings})
     * @throws IllegalArgumentException when there is no rating or a λ is negative or not finite
     */
    public static Baselines fit(Map<String, ? extends Map<String, Double>> ratingsByUser, double itemLambda,
                                double userLambda) {
        if (!(itemLambda >= 0) || !(userLambda >= 0) || Double.isInfinite(itemLambda)
                || Double.isInfinite(userLambda)) {
            throw new IllegalArgumentException(
                    "λ must be finite and 0 or more, got " + itemLambda + " and " + userLambda);
        }
        double sum = 0;
        long count = 0;
        for (Map<String, Double> ratings : ratingsByUser.values()) {
            for (double rating : ratings.values()) {
                sum += rating;
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("no ratings to fit baselines on");
        }
        double mean = sum / count;

        Map<String, double[]> itemSums = new HashMap<>();
        for (Map<String, Double> ratings : ratingsByUser.values()) {
            ratings.forEach((item, rating) -> {
                double[] sumAndCount = itemSums.computeIfAbsent(item, i -> new double[2]);
                sumAndCount[0] += rating - mean;
                sumAndCount[1]++;
            });
        }
        Map<String, Double> itemBiases = new HashMap<>();
        itemSums.forEach((item, s) -> itemBiases.put(item, s[0] / (itemLambda + s[1])));

        Map<String, Double> userBiases = new HashMap<>();
        ratingsByUser.forEach((user, ratings) -> {
            if (ratings.isEmpty()) {
                return;
            }
            double residuals = 0;
            for (Map.Entry<String, Double> rating : ratings.entrySet()) {
                residuals += rating.getValue() - mean - itemBiases.get(rating.getKey());
            }
            userBiases.put(user, residuals / (userLambda + ratings.size()));
        });
        return new Baselines(mean, Map.copyOf(userBiases), Map.copyOf(itemBiases));
    }

    /** μ. */
    public double globalMean() {
        return mean;
    }

    /** b_u; 0 for a user without ratings. */
    public double userBias(String userId) {
        return userBiases.getOrDefault(userId, 0.0);
    }

    /** b_i; 0 for an item without ratings. */
    public double itemBias(String itemId) {
        return itemBiases.getOrDefault(itemId, 0.0);
    }

    /** b(u,i) = μ + b_u + b_i, not clipped. */
    public double estimate(String userId, String itemId) {
        return mean + userBias(userId) + itemBias(itemId);
    }
}
