package dev.persona.recommend.model;

/**
 * Parameters of {@link Ease}.
 *
 * @param lambda   L2 penalty λ added to the diagonal of XᵀX, finite and more than 0
 * @param maxItems the largest catalogue EASE accepts: it holds two dense items × items matrices in memory and
 *                 inverts one in time cubic in the number of items
 * @param threads  worker threads for the Gram matrix; 0 or less means all available cores
 */
public record EaseParams(double lambda, int maxItems, int threads) {

    /** The default largest catalogue: 20,000 items (two dense matrices of 3.2 GB each in double precision). */
    public static final int DEFAULT_MAX_ITEMS = 20_000;

    /** The largest catalogue possible at all: items × items entries must fit one Java array. */
    public static final int HARD_MAX_ITEMS = 46_340;

    public EaseParams {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("λ must be finite and more than 0, got " + lambda);
        }
        if (maxItems < 1 || maxItems > HARD_MAX_ITEMS) {
            throw new IllegalArgumentException("the largest catalogue must be 1 to " + HARD_MAX_ITEMS
                    + " items (a dense items × items matrix is held in one array), got " + maxItems);
        }
    }

    /** λ 500, at most 20,000 items, all cores. */
    public static EaseParams defaults() {
        return new EaseParams(500, DEFAULT_MAX_ITEMS, 0);
    }

    public EaseParams withLambda(double lambda) {
        return new EaseParams(lambda, maxItems, threads);
    }

    public EaseParams withMaxItems(int maxItems) {
        return new EaseParams(lambda, maxItems, threads);
    }

    public EaseParams withThreads(int threads) {
        return new EaseParams(lambda, maxItems, threads);
    }
}
