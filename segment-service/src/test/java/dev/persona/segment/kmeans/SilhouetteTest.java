package dev.persona.segment.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SilhouetteTest {

    @Test
    void handComputedTinyCase() {
        // 1-D: {0, 1} and {5}. s(0): a = 1, b = 5 → 0.8; s(1): a = 1, b = 4 → 0.75; s(5) = 0 (singleton).
        Points points = Points.of(new double[] {0, 1, 5}, 3, 1);
        double s = new Silhouette(1).mean(points, new int[] {0, 0, 1}, 2);
        assertEquals((0.8 + 0.75 + 0) / 3, s, 1e-12);
    }

    @Test
    void matchesBruteForceReference() {
        Points points = ClusterFixtures.uniform(700, 3, 21);
        SplittableRandom rng = new SplittableRandom(5);
        int k = 4;
        int[] labels = new int[points.n()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(k);
        }
        double expected = bruteForce(points, labels, k);
        assertEquals(expected, new Silhouette(1).mean(points, labels, k), 1e-12);
        assertEquals(new Silhouette(1).mean(points, labels, k), new Silhouette(3).mean(points, labels, k));
        KMeansResult fit = new KMeans(2).fit(points, new KMeansParams(k, 1, 2, 100, 0));
        assertEquals(bruteForce(points, fit.assignment(), k), new Silhouette(2).mean(points, fit.assignment(), k),
                1e-12);
    }

    @Test
    void sampledSilhouetteIsDeterministicAndClose() {
        Points points = ClusterFixtures.blobs(ClusterFixtures.FOUR_CORNERS, 2, 600, 1.5, 6);
        KMeansResult fit = new KMeans(2).fit(points, new KMeansParams(4, 1, 2, 100, 0));
        Silhouette sampled = new Silhouette(2, 500, 7);
        double a = sampled.mean(points, fit.assignment(), 4);
        double b = new Silhouette(1, 500, 7).mean(points, fit.assignment(), 4);
        assertEquals(a, b);
        double other = new Silhouette(2, 500, 8).mean(points, fit.assignment(), 4);
        assertNotEquals(a, other);
        double exact = new Silhouette(2).mean(points, fit.assignment(), 4);
        assertEquals(exact, a, 0.05);
        int[] rows = Silhouette.sample(2400, 500, 7);
        assertEquals(500, rows.length);
        for (int i = 1; i < rows.length; i++) {
            assertTrue(rows[i] > rows[i - 1]);
        }
    }

    @Test
    void oneClusterGivesZeroAndBadLabelsAreRejected() {
        Points points = Points.of(new double[] {0, 1, 2}, 3, 1);
        assertEquals(0.0, new Silhouette(1).mean(points, new int[] {1, 1, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new Silhouette(1).mean(points, new int[] {0, 2, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new Silhouette(1).mean(points, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new Silhouette(1, 1, 0));
    }

    static double bruteForce(Points p, int[] labels, int k) {
        int n = p.n();
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double s = 0;
                for (int t = 0; t < p.d(); t++) {
                    double diff = p.get(i, t) - p.get(j, t);
                    s += diff * diff;
                }
                sum[labels[j]] += Math.sqrt(s);
                count[labels[j]]++;
            }
            if (count[labels[i]] == 0) {
                continue;
            }
            double a = sum[labels[i]] / count[labels[i]];
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != labels[i] && count[c] > 0) {
                    b = Math.min(b, sum[c] / count[c]);
                }
            }
            total += (b - a) / Math.max(a, b);
        }
        return total / n;
    }
}
