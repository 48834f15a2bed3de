package dev.persona.core.similarity;

/**
 * What neighbour lists to compute.
 *
 * @param metric     the similarity
 * @param k          at most this many neighbours per row (at least 1)
 * @param minSupport pairs with fewer co-raters than this are dropped (at least 1)
 * @param shrinkage  λ ≥ 0: every score s of a pair with n co-raters becomes s · n / (n + λ), pulling scores backed
 *                   by few co-raters towards 0 (Koren, "Factor in the neighbors", TKDD 2010); 0 leaves
 *                   scores as they are
 */
public record NeighborParams(Metric metric, int k, int minSupport, double shrinkage) {

    public NeighborParams {
        if (metric == null) {
            throw new IllegalArgumentException("metric is required");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (minSupport < 1) {
            throw new IllegalArgumentException("minSupport must be at least 1, got " + minSupport);
        }
        if (!(shrinkage >= 0) || Double.isInfinite(shrinkage)) {
            throw new IllegalArgumentException("shrinkage must be a finite number ≥ 0, got " + shrinkage);
        }
    }

    /** The top {@code k} by {@code metric}, any support, no shrinkage. */
    public static NeighborParams of(Metric metric, int k) {
        return new NeighborParams(metric, k, 1, 0);
    }

    public NeighborParams withMinSupport(int newMinSupport) {
        return new NeighborParams(metric, k, newMinSupport, shrinkage);
    }

    public NeighborParams withShrinkage(double newShrinkage) {
        return new NeighborParams(metric, k, minSupport, newShrinkage);
    }
}
