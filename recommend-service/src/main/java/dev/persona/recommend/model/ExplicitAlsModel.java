package dev.persona.recommend.model;

import java.util.Map;

/**
 * A biased matrix factorisation for rating prediction, as {@link ExplicitAls} trains it: r̂(u,i) = μ + b_u + b_i +
 * p_u·q_i. Predictions are not clipped to the rating scale. Safe for concurrent reads; {@link #erase} may run
 * alongside them.
 */
public final class ExplicitAlsModel extends FactorModel {

    /** The bias and factors of a user solved at request time (see {@link #foldIn}). */
    public record FoldedUser(double bias, float[] factors) {
    }

    private final double mean;
    private final double lambda;
    private final float[] userBias;
    private final float[] itemBias;

    ExplicitAlsModel(String[] userIds, String[] itemIds, int factors, double mean, double lambda, float[] userBias,
                     float[] itemBias, float[] userFactors, float[] itemFactors) {
        super(userIds, itemIds, factors, userFactors, itemFactors);
        if (userBias.length != userIds.length || itemBias.length != itemIds.length) {
            throw new IllegalArgumentException("array sizes do not match the dimensions");
        }
        this.mean = mean;
        this.lambda = lambda;
        this.userBias = userBias;
        this.itemBias = itemBias;
    }

    /** μ, the global mean rating of the training data. */
    public double mean() {
        return mean;
    }

    /** The λ the model was trained with (fold-in uses it). */
    public double lambda() {
        return lambda;
    }

    public double userBias(int user) {
        return userBias[user];
    }

    public double itemBias(int item) {
        return itemBias[item];
    }

    /** μ + b_u + b_i + p_u·q_i for indices. */
    public double predict(int user, int item) {
        return mean + userBias[user] + itemBias[item]
                + Dense.dot(userFactors, user * factors, itemFactors, item * factors, factors);
    }

    /** The prediction for a user solved at request time. */
    public double predict(FoldedUser user, int item) {
        return mean + user.bias() + itemBias[item] + Dense.dot(user.factors(), 0, itemFactors, item * factors, factors);
    }

    /**
     * The prediction by ids: μ + b_u + b_i + p_u·q_i when both are known, μ + b_i for an unknown user, μ + b_u for an
     * unknown item, μ when neither is known.
     */
    public double predict(String userId, String itemId) {
        int u = users.indexOf(userId);
        int i = items.indexOf(itemId);
        if (u >= 0 && i >= 0) {
            return predict(u, i);
        }
        return mean + (u >= 0 ? userBias[u] : 0) + (i >= 0 ? itemBias[i] : 0);
    }

    /**
     * Solves the bias and factors of a user from their ratings with the item side fixed, exactly as a training sweep
     * would (regularised by λ times their count of ratings). Ratings of items the model does not know are ignored;
     * with none left the user gets bias 0 and zero factors.
     *
     * @param itemIndices the rated items (model indices, each at most once)
     * @param ratings     their ratings
     */
    public FoldedUser foldIn(int[] itemIndices, float[] ratings) {
        if (itemIndices.length != ratings.length) {
            throw new IllegalArgumentException("items and ratings differ in length");
        }
        int[] ptr = {0, itemIndices.length};
        double[] bias = new double[1];
        double[] out = new double[factors];
        // The item side in double precision, only the rows this user rated, re-indexed 0..n−1.
        double[] itemF = new double[itemIndices.length * factors];
        double[] itemB = new double[itemIndices.length];
        int[] cols = new int[itemIndices.length];
        for (int t = 0; t < itemIndices.length; t++) {
            int i = itemIndices[t];
            cols[t] = t;
            itemB[t] = itemBias[i];
            for (int j = 0; j < factors; j++) {
                itemF[t * factors + j] = itemFactors[i * factors + j];
            }
        }
        ExplicitAls.solveRow(0, ptr, cols, ratings, mean, itemF, itemB, out, bias, factors, lambda,
                new SpdSolver(factors + 1));
        return new FoldedUser(bias[0], Dense.toFloat(out));
    }

    /** {@link #foldIn(int[], float[])} by item ids; unknown items are ignored. */
    public FoldedUser foldIn(Map<String, ? extends Number> ratingsByItem) {
        Known known = known(ratingsByItem);
        return foldIn(known.items(), known.values());
    }

    @Override
    public boolean erase(String userId) {
        int u = eraseFactors(userId);
        if (u < 0) {
            return false;
        }
        userBias[u] = 0;
        return true;
    }

    // For the codec.
    float[] userBiasArray() {
        return userBias;
    }

    float[] itemBiasArray() {
        return itemBias;
    }

}
