package dev.persona.segment.kmeans;

/**
 * Parameters of one K-Means fit.
 *
 * @param k             number of clusters, 1 ≤ k ≤ n
 * @param seed          seed of the k-means++ seeding (and of the mini-batch samples); the same seed gives the same
 *                      result for any thread count
 * @param nInit         independent restarts (at least 1); the one with the lowest SSE is kept, the earlier on ties
 * @param maxIterations upper bound on iterations per restart (at least 1)
 * @param tolerance     stop once no centre moves by more than this Euclidean distance in an iteration (or, for
 *                      Lloyd/Hamerly, no assignment changes); a negative tolerance disables early stopping, so
 *                      every restart runs exactly {@code maxIterations}
 */
public record KMeansParams(int k, long seed, int nInit, int maxIterations, double tolerance) {

    /** Defaults: 10 restarts, at most 300 iterations, tolerance 1e-4. */
    public static KMeansParams of(int k, long seed) {
        return new KMeansParams(k, seed, 10, 300, 1e-4);
    }

    public KMeansParams {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (nInit < 1) {
            throw new IllegalArgumentException("nInit must be at least 1, got " + nInit);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
        if (Double.isNaN(tolerance)) {
            throw new IllegalArgumentException("tolerance must not be NaN");
        }
    }

    /** The same parameters with another k. */
    public KMeansParams withK(int newK) {
        return new KMeansParams(newK, seed, nInit, maxIterations, tolerance);
    }

    void checkAgainst(Points points) {
        if (points == null) {
            throw new IllegalArgumentException("points must not be null");
        }
        if (k > points.n) {
            throw new IllegalArgumentException(
                    "k must be at most the number of points n = " + points.n + ", got " + k);
        }
    }
}
