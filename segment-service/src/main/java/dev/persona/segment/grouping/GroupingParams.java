package dev.persona.segment.grouping;

/**
 * What a segmentation build asks for, already validated against the contract's ranges.
 *
 * @param method how users are grouped
 * @param k the number of segments, or 0 to choose it in [kMin, kMax] by silhouette (ignored by RFM scores)
 * @param kMin smallest k tried when k = 0, at least 2
 * @param kMax largest k tried when k = 0, at least kMin
 * @param seed seed of the seeding, the silhouette sample and the Ward sample
 * @param nInit K-Means restarts, at least 1
 * @param maxIterations K-Means iterations per restart at most, at least 1
 * @param threads worker threads, at least 1
 * @param miniBatchAbove above this many users K-Means runs the mini-batch variant
 * @param wardExactMax Ward linkage is exact up to this many users; above, a seeded sample is clustered
 */
public record GroupingParams(Method method, int k, int kMin, int kMax, long seed, int nInit, int maxIterations,
                             int threads, int miniBatchAbove, int wardExactMax) {

    /** How users are grouped. */
    public enum Method { KMEANS, HIERARCHICAL, RFM_SCORES }

    /** Batch size of mini-batch K-Means. */
    public static final int MINI_BATCH_SIZE = 4096;

    /** K-Means stops once no centre moves by more than this (or no assignment changes). */
    public static final double TOLERANCE = 1e-4;

    public GroupingParams {
        if (k < 0 || kMin < 2 || kMax < kMin || nInit < 1 || maxIterations < 1 || threads < 1) {
            throw new IllegalArgumentException("bad grouping parameters: k=" + k + " kMin=" + kMin + " kMax=" + kMax
                    + " nInit=" + nInit + " maxIterations=" + maxIterations + " threads=" + threads);
        }
    }

    /** True when k is chosen by silhouette. */
    public boolean automaticK() {
        return k == 0 && method != Method.RFM_SCORES;
    }
}
