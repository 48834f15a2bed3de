package dev.persona.segment.kmeans;

import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * Mini-batch K-Means (Sculley 2010, "Web-scale k-means clustering"), for inputs too large for full Lloyd
 * iterations; the caller decides above which n to use it.
 *
 * <p>Each restart is seeded with k-means++ exactly as {@link KMeans} does. Each iteration then draws
 * {@code batchSize} points uniformly with replacement from the restart's {@link java.util.SplittableRandom}, finds
 * each drawn point's nearest centre against the centres at the start of the batch (lowest index on ties), and then,
 * point by point in draw order, moves that centre towards it with a per-centre learning rate:
 * v(c) ← v(c) + 1, η = 1 / v(c), c ← (1 − η) c + η x, where v(c) counts the points centre c has absorbed so far.
 * Centres never lose points, so no cluster empties during the updates.
 *
 * <p>An iteration is one batch. The restart stops (converged) when no centre moved by more than {@code tolerance}
 * (Euclidean) over a batch; a negative tolerance disables this. Afterwards one full assignment pass assigns every
 * point to its nearest centre and computes the reported SSE exactly; the restart with the lowest SSE is kept.
 *
 * <p>The batches run on the calling thread; seeding and the full pass use {@code threads} threads and are
 * bit-identical for any thread count. Interrupting the calling thread throws {@link CancellationException}.
 */
public final class MiniBatchKMeans {

    private final int threads;
    private final int batchSize;

    /** A mini-batch K-Means with batches of {@code batchSize} points (at least 1) on {@code threads} threads. */
    public MiniBatchKMeans(int batchSize, int threads) {
        Blocks.checkThreads(threads);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.threads = threads;
        this.batchSize = batchSize;
    }

    /**
     * Fits {@code params.nInit()} restarts and returns the one with the lowest SSE.
     *
     * @throws IllegalArgumentException if k exceeds the number of points
     * @throws CancellationException    if the calling thread is interrupted meanwhile
     */
    public KMeansResult fit(Points points, KMeansParams params) {
        params.checkAgainst(points);
        int k = params.k();
        int n = points.n;
        int d = points.d;
        double[] x = points.data;
        SplittableRandom root = new SplittableRandom(params.seed());
        KMeansResult best = null;
        try (Blocks blocks = new Blocks(threads)) {
            for (int r = 0; r < params.nInit(); r++) {
                SplittableRandom rng = root.split();
                double[] centres = KMeans.seed(points, k, rng, blocks);
                long[] absorbed = new long[k];
                int[] drawn = new int[batchSize];
                int[] nearest = new int[batchSize];
                double[] before = new double[k * d];
                int iterations = 0;
                boolean converged = false;
                for (int it = 0; it < params.maxIterations(); it++) {
                    Blocks.checkInterrupted();
                    System.arraycopy(centres, 0, before, 0, centres.length);
                    for (int s = 0; s < batchSize; s++) {
                        int i = rng.nextInt(n);
                        drawn[s] = i;
                        int bestJ = 0;
                        double bestD = Double.POSITIVE_INFINITY;
                        for (int j = 0; j < k; j++) {
                            double dd = Points.dist2(x, i * d, centres, j * d, d);
                            if (dd < bestD) {
                                bestD = dd;
                                bestJ = j;
                            }
                        }
                        nearest[s] = bestJ;
                    }
                    for (int s = 0; s < batchSize; s++) {
                        int c = nearest[s];
                        int xo = drawn[s] * d;
                        int co = c * d;
                        double eta = 1.0 / ++absorbed[c];
                        for (int t = 0; t < d; t++) {
                            centres[co + t] = (1 - eta) * centres[co + t] + eta * x[xo + t];
                        }
                    }
                    iterations++;
                    double maxShift = 0;
                    for (int j = 0; j < k; j++) {
                        maxShift = Math.max(maxShift, Math.sqrt(Points.dist2(before, j * d, centres, j * d, d)));
                    }
                    if (params.tolerance() >= 0 && maxShift <= params.tolerance()) {
                        converged = true;
                        break;
                    }
                }
                int[] assignment = new int[n];
                java.util.Arrays.fill(assignment, -1);
                double sse = KMeans.finalAssignment(points, centres, k, assignment, blocks);
                KMeansResult result = new KMeansResult(k, d, centres, assignment, sse, iterations, converged);
                if (best == null || result.sse() < best.sse()) {
                    best = result;
                }
            }
        }
        return best;
    }
}
