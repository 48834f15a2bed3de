package dev.persona.segment.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class KMeansTest {

    @Test
    void recoversWellSeparatedBlobsExactly() {
        Points points = ClusterFixtures.blobs(ClusterFixtures.FOUR_CORNERS, 2, 50, 0.5, 1);
        KMeansResult result = new KMeans(2).fit(points, new KMeansParams(4, 42, 5, 100, 0));
        assertTrue(result.converged());
        Set<Integer> labels = new HashSet<>();
        for (int b = 0; b < 4; b++) {
            int label = result.assignment()[b * 50];
            for (int p = 0; p < 50; p++) {
                assertEquals(label, result.assignment()[b * 50 + p], "blob " + b + " point " + p);
            }
            labels.add(label);
            assertEquals(ClusterFixtures.FOUR_CORNERS[2 * b], result.centre(label, 0), 0.3);
            assertEquals(ClusterFixtures.FOUR_CORNERS[2 * b + 1], result.centre(label, 1), 0.3);
        }
        assertEquals(4, labels.size());
        assertEquals(ClusterFixtures.sse(points, result.centres(), result.assignment()), result.sse(), 1e-9);
    }

    @Test
    void sseByHandOnTinySet() {
        // {0, 2} and {10, 12}: centres 1 and 11, each point 1 away, SSE = 4 × 1² = 4.
        Points points = Points.of(new double[] {0, 2, 10, 12}, 4, 1);
        KMeansResult result = new KMeans(1).fit(points, new KMeansParams(2, 7, 3, 50, 0));
        assertEquals(4.0, result.sse(), 1e-12);
        assertEquals(result.assignment()[0], result.assignment()[1]);
        assertEquals(result.assignment()[2], result.assignment()[3]);
        assertEquals(1.0, result.centre(result.assignment()[0], 0), 1e-12);
        assertEquals(11.0, result.centre(result.assignment()[2], 0), 1e-12);
        // Two dimensions: (0,0),(0,2),(4,0),(4,2) with k = 1: centre (2,1), each squared distance 5, SSE 20.
        Points square = Points.of(new double[] {0, 0, 0, 2, 4, 0, 4, 2}, 4, 2);
        KMeansResult one = new KMeans(1).fit(square, new KMeansParams(1, 1, 1, 10, 0));
        assertArrayEquals(new double[] {2, 1}, one.centres(), 1e-12);
        assertEquals(20.0, one.sse(), 1e-12);
    }

    @Test
    void sameSeedSameResultForAnyThreadCount() {
        Points points = ClusterFixtures.uniform(20_000, 5, 3);
        KMeansParams params = new KMeansParams(6, 11, 2, 40, 1e-6);
        KMeansResult a = new KMeans(1).fit(points, params);
        KMeansResult b = new KMeans(1).fit(points, params);
        KMeansResult c = new KMeans(3).fit(points, params);
        for (KMeansResult other : new KMeansResult[] {b, c}) {
            assertArrayEquals(a.centres(), other.centres());
            assertArrayEquals(a.assignment(), other.assignment());
            assertEquals(a.sse(), other.sse());
            assertEquals(a.iterations(), other.iterations());
            assertEquals(a.converged(), other.converged());
        }
        assertArrayEquals(new KMeans(1).seeding(points, params, 1), new KMeans(3).seeding(points, params, 1));
    }

    @Test
    void hamerlyMatchesPlainLloydFromTheSameSeeding() {
        for (long seed = 1; seed <= 3; seed++) {
            Points points = ClusterFixtures.uniform(3_000, 4, 100 + seed);
            int k = 7;
            KMeansParams params = new KMeansParams(k, seed, 1, 200, 0);
            double[] init = new KMeans(2).seeding(points, params, 0);
            KMeansResult hamerly = new KMeans(2).fitFrom(points, init, k, 200, 0);
            Lloyd lloyd = Lloyd.run(points, init.clone(), k, 200, 0);
            assertArrayEquals(lloyd.assignment, hamerly.assignment(), "seed " + seed);
            assertArrayEquals(lloyd.centres, hamerly.centres(), 1e-9);
            assertEquals(lloyd.iterations, hamerly.iterations());
            assertEquals(lloyd.sse, hamerly.sse(), 1e-9);
            // fit() with nInit 1 starts from the same seeding.
            KMeansResult fit = new KMeans(1).fit(points, params);
            assertArrayEquals(hamerly.assignment(), fit.assignment());
        }
    }

    @Test
    void emptyClustersWhenKExceedsDistinctPoints() {
        Points points = Points.of(new double[] {0, 0, 0, 1, 1, 1}, 6, 1);
        KMeansResult result = new KMeans(1).fit(points, new KMeansParams(4, 5, 2, 50, 0));
        assertEquals(4, result.centres().length);
        for (double c : result.centres()) {
            assertTrue(Double.isFinite(c));
        }
        for (int a : result.assignment()) {
            assertTrue(a >= 0 && a < 4);
        }
        assertEquals(0.0, result.sse(), 0.0);
    }

    @Test
    void emptyClusterReseededAtFarthestPoint() {
        // Centres -100 and 100 start empty; the point farthest from 5 (12, then 0) re-seeds them in index order.
        Points points = Points.of(new double[] {0, 1, 2, 10, 11, 12}, 6, 1);
        KMeansResult result = new KMeans(1).fitFrom(points, new double[] {-100, 5, 100}, 3, 50, 0);
        int[] sizes = new int[3];
        for (int a : result.assignment()) {
            sizes[a]++;
        }
        for (int s : sizes) {
            assertTrue(s > 0, "no cluster stays empty");
        }
        assertEquals(ClusterFixtures.sse(points, result.centres(), result.assignment()), result.sse(), 1e-12);
        assertTrue(result.converged());
    }

    @Test
    void negativeToleranceRunsAllIterations() {
        Points points = ClusterFixtures.blobs(ClusterFixtures.FOUR_CORNERS, 2, 20, 0.5, 2);
        KMeansResult result = new KMeans(2).fit(points, new KMeansParams(4, 1, 1, 37, -1));
        assertEquals(37, result.iterations());
        assertFalse(result.converged());
    }

    @Test
    void rejectsInvalidInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KMeansParams(0, 1, 1, 1, 0));
        assertTrue(e.getMessage().contains("k must be at least 1"), e.getMessage());
        Points three = Points.of(new double[] {1, 2, 3}, 3, 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> new KMeans(1).fit(three, new KMeansParams(4, 1, 1, 10, 0)));
        assertTrue(e.getMessage().contains("k must be at most the number of points n = 3, got 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Points.of(new double[] {1, Double.NaN, 3, 4}, 2, 2));
        assertTrue(e.getMessage().contains("point 0, column 1 is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Points.of(new double[] {1, 2, 3}, 2, 2));
        assertTrue(e.getMessage().contains("length"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KMeans(0));
        assertThrows(IllegalArgumentException.class, () -> new KMeansParams(2, 1, 0, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new KMeansParams(2, 1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new KMeansParams(2, 1, 1, 10, Double.NaN));
    }

    @Test
    void interruptCancels() {
        Points points = ClusterFixtures.uniform(10_000, 3, 9);
        for (int threads : new int[] {1, 2}) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(CancellationException.class,
                        () -> new KMeans(threads).fit(points, new KMeansParams(3, 1, 1, 10, 0)));
            } finally {
                Thread.interrupted();
            }
        }
    }

    /** Plain Lloyd: nearest centre (lowest index on ties; the current one kept after the first pass). */
    static final class Lloyd {
        double[] centres;
        int[] assignment;
        int iterations;
        double sse;

        static Lloyd run(Points points, double[] centres, int k, int maxIterations, double tolerance) {
            int n = points.n();
            int d = points.d();
            int[] a = new int[n];
            java.util.Arrays.fill(a, -1);
            int iterations = 0;
            for (int it = 0; it < maxIterations; it++) {
                int changes = 0;
                for (int i = 0; i < n; i++) {
                    int best = -1;
                    double bestD = Double.POSITIVE_INFINITY;
                    for (int j = 0; j < k; j++) {
                        double dd = dist2(points, i, centres, j);
                        if (dd < bestD) {
                            bestD = dd;
                            best = j;
                        }
                    }
                    if (best != a[i]) {
                        changes++;
                        a[i] = best;
                    }
                }
                iterations++;
                double[] next = new double[k * d];
                int[] counts = new int[k];
                for (int i = 0; i < n; i++) {
                    counts[a[i]]++;
                    for (int t = 0; t < d; t++) {
                        next[a[i] * d + t] += points.get(i, t);
                    }
                }
                double maxShift = 0;
                for (int j = 0; j < k; j++) {
                    if (counts[j] == 0) {
                        throw new IllegalStateException("reference does not handle empty clusters");
                    }
                    double shift = 0;
                    for (int t = 0; t < d; t++) {
                        next[j * d + t] /= counts[j];
                        double diff = next[j * d + t] - centres[j * d + t];
                        shift += diff * diff;
                    }
                    maxShift = Math.max(maxShift, Math.sqrt(shift));
                }
                centres = next;
                if ((it > 0 && changes == 0) || maxShift <= tolerance) {
                    break;
                }
            }
            double sse = 0;
            for (int i = 0; i < n; i++) {
                int best = a[i];
                double bestD = dist2(points, i, centres, best);
                for (int j = 0; j < k; j++) {
                    double dd = dist2(points, i, centres, j);
                    if (dd < bestD) {
                        bestD = dd;
                        best = j;
                    }
                }
                a[i] = best;
                sse += bestD;
            }
            Lloyd l = new Lloyd();
            l.centres = centres;
            l.assignment = a;
            l.iterations = iterations;
            l.sse = sse;
            return l;
        }

        private static double dist2(Points p, int i, double[] c, int j) {
            double s = 0;
            for (int t = 0; t < p.d(); t++) {
                double diff = p.get(i, t) - c[j * p.d() + t];
                s += diff * diff;
            }
            return s;
        }
    }
}
