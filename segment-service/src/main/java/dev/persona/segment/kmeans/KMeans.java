package dev.persona.segment.kmeans;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * K-Means on dense points: k-means++ seeding, then Lloyd iterations accelerated with Hamerly's bounds, on a fixed
 * number of threads.
 *
 * <p><b>Objective.</b> Minimise SSE = Σ<sub>i</sub> ‖x<sub>i</sub> − c<sub>a(i)</sub>‖² over centres c and
 * assignments a.
 *
 * <p><b>Seeding (greedy k-means++).</b> The first centre is a uniformly drawn point; for each further centre,
 * 2 + ⌊ln k⌋ candidates are drawn, point i with probability D(i)² / Σ<sub>j</sub> D(j)², where D(i) is the
 * distance from x<sub>i</sub> to its nearest chosen centre, and the candidate that leaves the lowest
 * Σ<sub>i</sub> min(D(i)², ‖x<sub>i</sub> − candidate‖²) is kept (as in scikit-learn). Draws come from a {@link SplittableRandom} seeded with {@code seed} (restart r uses the r-th
 * {@code split()} of it) and the sums are taken in point order, so the seeding never depends on the thread count.
 * If every point already coincides with a chosen centre (Σ D² = 0), the next centre is a uniformly drawn point.
 *
 * <p><b>Iterations (Hamerly 2010).</b> Each point keeps an upper bound u(i) ≥ ‖x<sub>i</sub> − c<sub>a(i)</sub>‖
 * and one lower bound l(i) ≤ min<sub>j≠a(i)</sub> ‖x<sub>i</sub> − c<sub>j</sub>‖. With
 * s(j) = ½ min<sub>j'≠j</sub> ‖c<sub>j</sub> − c<sub>j'</sub>‖, a point keeps its centre without any distance
 * computation when u(i) ≤ max(s(a(i)), l(i)); otherwise u(i) is tightened to the exact distance and, if still above
 * the bound, all k distances are computed (nearest gives a and u, second nearest gives l). After the centres move
 * by δ(j), u(i) += δ(a(i)) and l(i) −= max<sub>j≠a(i)</sub> δ(j). The assignments are those of plain Lloyd.
 *
 * <p><b>Determinism.</b> Points are split into blocks fixed by n, k and d only. Each block keeps per-cluster sums
 * and counts of its points: built in point order in the first iteration, then updated in point order only for the
 * points that change cluster (subtract from the old, add to the new), so an iteration reads the coordinates of just
 * the points whose bounds fail. Block sums are merged in block order into the new centres (sum / count). Results are
 * bit-identical for any thread count; they agree with a from-scratch Lloyd to rounding.
 *
 * <p><b>Empty clusters.</b> A cluster left without points is re-seeded at the point farthest (exact distance) from
 * its current centre, taken from a cluster with at least two points (ties → lower index); that point moves to the
 * empty cluster. Several empty clusters are handled in index order, each taking a different point. An iteration
 * with a re-seed never counts as converged.
 *
 * <p><b>Stopping.</b> After an iteration, the fit stops (converged) when no assignment changed or no centre moved by
 * more than {@code tolerance}; a negative tolerance disables this. A final pass then assigns every point to its
 * nearest centre (keeping the current one on ties) and computes the SSE exactly.
 *
 * <p>Memory: n ints and 2n doubles of bounds, plus at most 2<sup>24</sup> doubles of block sums. Each call starts
 * its own threads and stops them before returning. Interrupting the calling thread stops the computation and throws
 * {@link CancellationException}.
 */
public final class KMeans {

    private final int threads;

    /** A K-Means that uses {@code threads} threads (at least 1; 1 computes on the calling thread). */
    public KMeans(int threads) {
        Blocks.checkThreads(threads);
        this.threads = threads;
    }

    /**
     * Fits {@code params.nInit()} restarts and returns the one with the lowest SSE.
     *
     * @throws IllegalArgumentException if k exceeds the number of points
     * @throws CancellationException    if the calling thread is interrupted meanwhile
     */
    public KMeansResult fit(Points points, KMeansParams params) {
        params.checkAgainst(points);
        SplittableRandom root = new SplittableRandom(params.seed());
        KMeansResult best = null;
        try (Blocks blocks = new Blocks(threads)) {
            for (int r = 0; r < params.nInit(); r++) {
                double[] centres = seed(points, params.k(), root.split(), blocks);
                KMeansResult result = iterate(points, centres, params.k(), params.maxIterations(),
                        params.tolerance(), blocks);
                if (best == null || result.sse() < best.sse()) {
                    best = result;
                }
            }
        }
        return best;
    }

    /**
     * Runs the iterations from the given initial centres (k × d row-major, copied), one restart.
     *
     * @throws IllegalArgumentException if the centres do not have k × d values
     */
    public KMeansResult fitFrom(Points points, double[] initialCentres, int k, int maxIterations, double tolerance) {
        new KMeansParams(k, 0, 1, maxIterations, tolerance).checkAgainst(points);
        if (initialCentres == null || initialCentres.length != k * points.d) {
            throw new IllegalArgumentException("initial centres must have k × d = " + k * points.d + " values");
        }
        try (Blocks blocks = new Blocks(threads)) {
            return iterate(points, initialCentres.clone(), k, maxIterations, tolerance, blocks);
        }
    }

    /**
     * The k-means++ centres (k × d row-major) that restart {@code restart} (0-based) of {@link #fit} starts from.
     */
    public double[] seeding(Points points, KMeansParams params, int restart) {
        params.checkAgainst(points);
        SplittableRandom root = new SplittableRandom(params.seed());
        SplittableRandom rng = null;
        for (int r = 0; r <= restart; r++) {
            rng = root.split();
        }
        try (Blocks blocks = new Blocks(threads)) {
            return seed(points, params.k(), rng, blocks);
        }
    }

    /**
     * Greedy k-means++ with {@code rng}: each step draws 2 + ⌊ln k⌋ candidates by D² sampling and keeps the one that
     * leaves the lowest potential Σ min(D², ‖x − candidate‖²) (the earlier candidate on ties). Deterministic for a
     * given generator state.
     */
    static double[] seed(Points points, int k, SplittableRandom rng, Blocks blocks) {
        int n = points.n;
        int d = points.d;
        double[] x = points.data;
        double[] centres = new double[k * d];
        int first = rng.nextInt(n);
        System.arraycopy(x, first * d, centres, 0, d);
        double[] minD2 = new double[n];
        int nb = Blocks.count(n, 1);
        blocks.forEach(nb, b -> {
            for (int i = Blocks.start(n, nb, b), end = Blocks.start(n, nb, b + 1); i < end; i++) {
                minD2[i] = Points.dist2(x, i * d, centres, 0, d);
            }
        });
        int trials = 2 + (int) Math.log(k);
        int[] candidates = new int[trials];
        double[][] partial = new double[trials][nb];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += minD2[i];
            }
            if (!(total > 0)) {
                // Every point coincides with a chosen centre: the rest are drawn uniformly (and will start empty).
                System.arraycopy(x, rng.nextInt(n) * d, centres, c * d, d);
                continue;
            }
            for (int t = 0; t < trials; t++) {
                candidates[t] = sampleD2(minD2, total, rng.nextDouble() * total);
            }
            blocks.forEach(nb, b -> {
                for (int t = 0; t < trials; t++) {
                    int co = candidates[t] * d;
                    double sum = 0;
                    for (int i = Blocks.start(n, nb, b), end = Blocks.start(n, nb, b + 1); i < end; i++) {
                        sum += Math.min(minD2[i], Points.dist2(x, i * d, x, co, d));
                    }
                    partial[t][b] = sum;
                }
            });
            int bestT = 0;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double potential = 0;
                for (int b = 0; b < nb; b++) {
                    potential += partial[t][b];
                }
                if (potential < bestPotential) {
                    bestPotential = potential;
                    bestT = t;
                }
            }
            int off = c * d;
            System.arraycopy(x, candidates[bestT] * d, centres, off, d);
            if (c + 1 < k) {
                blocks.forEach(nb, b -> {
                    for (int i = Blocks.start(n, nb, b), end = Blocks.start(n, nb, b + 1); i < end; i++) {
                        double dd = Points.dist2(x, i * d, centres, off, d);
                        if (dd < minD2[i]) {
                            minD2[i] = dd;
                        }
                    }
                });
            }
        }
        return centres;
    }

    /** The first point whose cumulative D² (in point order) exceeds {@code r}; the last positive one on rounding. */
    private static int sampleD2(double[] minD2, double total, double r) {
        double cum = 0;
        int lastPositive = -1;
        for (int i = 0; i < minD2.length; i++) {
            if (minD2[i] > 0) {
                lastPositive = i;
                cum += minD2[i];
                if (cum > r) {
                    return i;
                }
            }
        }
        return lastPositive;
    }

    private static KMeansResult iterate(Points points, double[] centres, int k, int maxIterations, double tolerance,
            Blocks blocks) {
        Hamerly h = new Hamerly(points, centres, k, blocks);
        int iterations = 0;
        boolean converged = false;
        for (int it = 0; it < maxIterations; it++) {
            long changes = h.assignAndSum(it == 0);
            iterations++;
            boolean reseeded = h.updateCentres();
            if (tolerance >= 0 && !reseeded && ((it > 0 && changes == 0) || h.maxShift <= tolerance)) {
                converged = true;
                break;
            }
        }
        double sse = finalAssignment(points, h.centres, k, h.a, blocks);
        return new KMeansResult(k, points.d, h.centres, h.a, sse, iterations, converged);
    }

    /**
     * Assigns every point to its nearest centre (keeping its current one, if any, on ties; otherwise the lowest
     * index) and returns the SSE, summed per block in point order and over blocks in block order.
     */
    static double finalAssignment(Points points, double[] centres, int k, int[] a, Blocks blocks) {
        int n = points.n;
        int d = points.d;
        double[] x = points.data;
        int nb = Blocks.count(n, 1);
        double[] partial = new double[nb];
        blocks.forEach(nb, b -> {
            double s = 0;
            for (int i = Blocks.start(n, nb, b), end = Blocks.start(n, nb, b + 1); i < end; i++) {
                int xo = i * d;
                int best = a[i];
                double bestD = best >= 0 ? Points.dist2(x, xo, centres, best * d, d) : Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    if (j == a[i]) {
                        continue;
                    }
                    double dd = Points.dist2(x, xo, centres, j * d, d);
                    if (dd < bestD) {
                        bestD = dd;
                        best = j;
                    }
                }
                a[i] = best;
                s += bestD;
            }
            partial[b] = s;
        });
        double sse = 0;
        for (double p : partial) {
            sse += p;
        }
        return sse;
    }

    /** The state of one Hamerly run. */
    private static final class Hamerly {
        final Points points;
        final int n;
        final int d;
        final int k;
        final double[] x;
        double[] centres;
        final int[] a;
        final double[] upper;
        final double[] lower;
        final double[] half;
        final double[] shift;
        double maxShift;
        double secondShift;
        int argMaxShift = -1;
        final int nb;
        final double[][] blockSums;
        final long[][] blockCounts;
        final long[] blockChanges;
        final Blocks blocks;

        Hamerly(Points points, double[] centres, int k, Blocks blocks) {
            this.points = points;
            this.n = points.n;
            this.d = points.d;
            this.k = k;
            this.x = points.data;
            this.centres = centres;
            this.blocks = blocks;
            a = new int[n];
            Arrays.fill(a, -1);
            upper = new double[n];
            lower = new double[n];
            half = new double[k];
            shift = new double[k];
            nb = Blocks.count(n, (long) k * d + k);
            blockSums = new double[nb][k * d];
            blockCounts = new long[nb][k];
            blockChanges = new long[nb];
            computeHalf();
        }

        private void computeHalf() {
            Arrays.fill(half, Double.POSITIVE_INFINITY);
            for (int j = 0; j < k; j++) {
                for (int j2 = j + 1; j2 < k; j2++) {
                    double dist = 0.5 * Math.sqrt(Points.dist2(centres, j * d, centres, j2 * d, d));
                    if (dist < half[j]) {
                        half[j] = dist;
                    }
                    if (dist < half[j2]) {
                        half[j2] = dist;
                    }
                }
            }
        }

        long assignAndSum(boolean first) {
            blocks.forEach(nb, b -> block(b, first));
            long changes = 0;
            for (long c : blockChanges) {
                changes += c;
            }
            return changes;
        }

        private void block(int b, boolean first) {
            double[] sums = blockSums[b];
            long[] counts = blockCounts[b];
            long changes = 0;
            for (int i = Blocks.start(n, nb, b), end = Blocks.start(n, nb, b + 1); i < end; i++) {
                int xo = i * d;
                int ai = a[i];
                if (first) {
                    scan(i, xo);
                    changes++;
                    add(sums, counts, a[i], xo, 1);
                    continue;
                }
                double u = upper[i] + shift[ai];
                double l = lower[i] - (ai == argMaxShift ? secondShift : maxShift);
                lower[i] = l;
                double m = Math.max(half[ai], l);
                if (u > m) {
                    u = Math.sqrt(Points.dist2(x, xo, centres, ai * d, d));
                    if (u > m) {
                        scan(i, xo);
                        if (a[i] != ai) {
                            changes++;
                            add(sums, counts, ai, xo, -1);
                            add(sums, counts, a[i], xo, 1);
                        }
                        u = upper[i];
                    }
                }
                upper[i] = u;
            }
            blockChanges[b] = changes;
        }

        /** Adds ({@code sign} 1) or removes ({@code sign} −1) the point at {@code xo} to or from cluster c's sums. */
        private void add(double[] sums, long[] counts, int c, int xo, int sign) {
            counts[c] += sign;
            int co = c * d;
            if (sign > 0) {
                for (int t = 0; t < d; t++) {
                    sums[co + t] += x[xo + t];
                }
            } else {
                for (int t = 0; t < d; t++) {
                    sums[co + t] -= x[xo + t];
                }
            }
        }

        private int blockOf(int i) {
            int b = (int) ((long) i * nb / n);
            while (b + 1 < nb && Blocks.start(n, nb, b + 1) <= i) {
                b++;
            }
            while (Blocks.start(n, nb, b) > i) {
                b--;
            }
            return b;
        }

        /** All k distances: nearest (lowest index on ties) and second nearest. */
        private void scan(int i, int xo) {
            double best = Double.POSITIVE_INFINITY;
            double second = Double.POSITIVE_INFINITY;
            int bestJ = 0;
            for (int j = 0; j < k; j++) {
                double dd = Points.dist2(x, xo, centres, j * d, d);
                if (dd < best) {
                    second = best;
                    best = dd;
                    bestJ = j;
                } else if (dd < second) {
                    second = dd;
                }
            }
            a[i] = bestJ;
            upper[i] = Math.sqrt(best);
            lower[i] = Math.sqrt(second);
        }

        /** New centres from the block sums; re-seeds empty clusters; returns whether any was re-seeded. */
        boolean updateCentres() {
            double[] sums = new double[k * d];
            long[] counts = new long[k];
            for (int b = 0; b < nb; b++) {
                double[] bs = blockSums[b];
                long[] bc = blockCounts[b];
                for (int t = 0; t < sums.length; t++) {
                    sums[t] += bs[t];
                }
                for (int j = 0; j < k; j++) {
                    counts[j] += bc[j];
                }
            }
            boolean reseeded = false;
            boolean[] taken = null;
            double[] old = centres;
            for (int j = 0; j < k; j++) {
                if (counts[j] > 0) {
                    continue;
                }
                if (taken == null) {
                    taken = new boolean[n];
                }
                int far = farthest(old, counts, taken);
                taken[far] = true;
                int from = a[far];
                int fo = from * d;
                int xo = far * d;
                for (int t = 0; t < d; t++) {
                    sums[fo + t] -= x[xo + t];
                    sums[j * d + t] = x[xo + t];
                }
                counts[from]--;
                counts[j] = 1;
                int fb = blockOf(far);
                add(blockSums[fb], blockCounts[fb], from, xo, -1);
                add(blockSums[fb], blockCounts[fb], j, xo, 1);
                a[far] = j;
                upper[far] = 0;
                lower[far] = 0;
                reseeded = true;
            }
            double[] next = new double[k * d];
            for (int j = 0; j < k; j++) {
                double inv = counts[j];
                for (int t = 0; t < d; t++) {
                    next[j * d + t] = sums[j * d + t] / inv;
                }
            }
            maxShift = 0;
            secondShift = 0;
            argMaxShift = -1;
            for (int j = 0; j < k; j++) {
                double s = Math.sqrt(Points.dist2(old, j * d, next, j * d, d));
                shift[j] = s;
                if (s > maxShift) {
                    secondShift = maxShift;
                    maxShift = s;
                    argMaxShift = j;
                } else if (s > secondShift) {
                    secondShift = s;
                }
            }
            if (reseeded) {
                // Moved points have u = l = 0 before the shifts are applied; u must still bound their new centre.
                for (int i = 0; i < n; i++) {
                    if (taken[i]) {
                        upper[i] = -shift[a[i]];
                    }
                }
            }
            centres = next;
            computeHalf();
            return reseeded;
        }

        /** The point farthest from its centre among clusters with at least two points, not yet taken. */
        private int farthest(double[] old, long[] counts, boolean[] taken) {
            int[] bestI = new int[nb];
            double[] bestD = new double[nb];
            blocks.forEach(nb, b -> {
                int bi = -1;
                double bd = -1;
                for (int i = Blocks.start(n, nb, b), end = Blocks.start(n, nb, b + 1); i < end; i++) {
                    if (taken[i] || counts[a[i]] < 2) {
                        continue;
                    }
                    double dd = Points.dist2(x, i * d, old, a[i] * d, d);
                    if (dd > bd) {
                        bd = dd;
                        bi = i;
                    }
                }
                bestI[b] = bi;
                bestD[b] = bd;
            });
            int far = -1;
            double fd = -1;
            for (int b = 0; b < nb; b++) {
                if (bestI[b] >= 0 && bestD[b] > fd) {
                    fd = bestD[b];
                    far = bestI[b];
                }
            }
            return far;
        }
    }
}
