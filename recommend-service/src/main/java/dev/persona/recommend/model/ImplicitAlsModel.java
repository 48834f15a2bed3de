package dev.persona.recommend.model;

import dev.persona.core.topk.TopK;
import java.util.Map;

/**
 * Implicit-feedback factors as {@link ImplicitAls} trains them: the score of item i for user u is x_u·y_i. Safe for
 * concurrent reads; {@link #erase} may run alongside them.
 */
public final class ImplicitAlsModel extends FactorModel {

    private final double lambda;
    private final double alpha;
    private final boolean scaleLambda;
    private volatile double[] itemGram;

    ImplicitAlsModel(String[] userIds, String[] itemIds, int factors, double lambda, double alpha, boolean scaleLambda,
                     float[] userFactors, float[] itemFactors) {
        super(userIds, itemIds, factors, userFactors, itemFactors);
        this.lambda = lambda;
        this.alpha = alpha;
        this.scaleLambda = scaleLambda;
    }

    public double lambda() {
        return lambda;
    }

    public double alpha() {
        return alpha;
    }

    public boolean scaleLambda() {
        return scaleLambda;
    }

    /** x_u·y_i for every item, indexed by item. */
    public float[] scores(int user) {
        return scores(userFactors, user * factors);
    }

    /** x·y_i for every item, for factors solved at request time ({@link #foldIn}). */
    public float[] scores(float[] userVector) {
        if (userVector.length != factors) {
            throw new IllegalArgumentException("expected " + factors + " factors, got " + userVector.length);
        }
        return scores(userVector, 0);
    }

    private float[] scores(float[] x, int off) {
        int n = items.size();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) Dense.dot(itemFactors, i * factors, x, off, factors);
        }
        return out;
    }

    /** The k best items for a user, best first, leaving out {@code seen} (item indices; null for none). */
    public int[] recommend(int user, int k, int[] seen) {
        return TopK.select(scores(user), k, seen);
    }

    /**
     * Solves the factors of a user from their history with the item factors fixed: one exact solve of the normal
     * equations (YᵀY + λI + Yᵀ(C − I)Y) x = YᵀC p, as a training sweep would converge to.
     *
     * @param itemIndices the items of the history (model indices, each at most once)
     * @param values      their weights r (confidence 1 + α·r; values of 0 or less count as unobserved)
     */
    public float[] foldIn(int[] itemIndices, float[] values) {
        if (itemIndices.length != values.length) {
            throw new IllegalArgumentException("items and values differ in length");
        }
        int n = itemIndices.length;
        double[] other = new double[n * factors];
        int[] cols = new int[n];
        for (int t = 0; t < n; t++) {
            cols[t] = t;
            int i = itemIndices[t];
            for (int j = 0; j < factors; j++) {
                other[t * factors + j] = itemFactors[i * factors + j];
            }
        }
        double[] out = new double[factors];
        int count = 0;
        for (float v : values) {
            if (v > 0) {
                count++;
            }
        }
        double rowLambda = scaleLambda ? lambda * n : lambda;
        if (count == 0) {
            return new float[factors];
        }
        ImplicitAls.exact(cols, values, 0, n, other, gram(), factors, rowLambda, alpha, new SpdSolver(factors), out,
                0);
        return Dense.toFloat(out);
    }

    /** {@link #foldIn(int[], float[])} by item ids; unknown items are ignored. */
    public float[] foldIn(Map<String, ? extends Number> history) {
        Known known = known(history);
        return foldIn(known.items(), known.values());
    }

    private double[] gram() {
        double[] g = itemGram;
        if (g == null) {
            double[] itemF = new double[itemFactors.length];
            for (int t = 0; t < itemF.length; t++) {
                itemF[t] = itemFactors[t];
            }
            g = new double[factors * factors];
            ImplicitAls.gram(itemF, items.size(), factors, g);
            itemGram = g;
        }
        return g;
    }

    @Override
    public boolean erase(String userId) {
        return eraseFactors(userId) >= 0;
    }
}
