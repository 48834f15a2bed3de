package dev.persona.segment.hierarchy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WardTest {

    /** Brute-force O(n³) Ward: repeatedly merge the pair with the smallest 2·na·nb/(na+nb)·‖ca − cb‖². */
    private static double[][] bruteForceHeightsAndSizes(double[][] points) {
        int n = points.length;
        int dim = points[0].length;
        List<double[]> centroids = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (double[] p : points) {
            centroids.add(p.clone());
            sizes.add(1);
        }
        double[] heights = new double[n - 1];
        double[] mergedSizes = new double[n - 1];
        for (int m = 0; m < n - 1; m++) {
            int bestA = -1;
            int bestB = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int a = 0; a < centroids.size(); a++) {
                for (int b = a + 1; b < centroids.size(); b++) {
                    double s = 0;
                    for (int c = 0; c < dim; c++) {
                        double diff = centroids.get(a)[c] - centroids.get(b)[c];
                        s += diff * diff;
                    }
                    double na = sizes.get(a);
                    double nb = sizes.get(b);
                    double d = 2 * na * nb / (na + nb) * s;
                    if (d < best) {
                        best = d;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            int na = sizes.get(bestA);
            int nb = sizes.get(bestB);
            double[] merged = new double[dim];
            for (int c = 0; c < dim; c++) {
                merged[c] = (na * centroids.get(bestA)[c] + nb * centroids.get(bestB)[c]) / (na + nb);
            }
            centroids.remove(bestB);
            sizes.remove(bestB);
            centroids.set(bestA, merged);
            sizes.set(bestA, na + nb);
            heights[m] = Math.sqrt(best);
            mergedSizes[m] = na + nb;
        }
        return new double[][] {heights, mergedSizes};
    }

    private static double[][] randomPoints(long seed, int n, int dim) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] points = new double[n][dim];
        for (double[] row : points) {
            for (int c = 0; c < dim; c++) {
                row[c] = random.nextDouble() * 10;
            }
        }
        return points;
    }

    /** Points around the given centres, interleaved so blob membership is not contiguous; blob of i is i % k. */
    private static double[][] blobs(long seed, double[][] centres, int perBlob) {
        SplittableRandom random = new SplittableRandom(seed);
        int k = centres.length;
        double[][] points = new double[k * perBlob][];
        for (int i = 0; i < points.length; i++) {
            double[] centre = centres[i % k];
            double[] p = new double[centre.length];
            for (int c = 0; c < p.length; c++) {
                p[c] = centre[c] + random.nextDouble() * 2 - 1;
            }
            points[i] = p;
        }
        return points;
    }

    @Test
    void mergeHeightsEqualBruteForceWardOnRandomData() {
        for (long seed = 1; seed <= 20; seed++) {
            int n = 2 + (int) (seed * 7 % 40);
            int dim = 1 + (int) (seed % 4);
            double[][] points = randomPoints(seed, n, dim);
            WardTree tree = new Ward().fit(points).tree();
            double[][] reference = bruteForceHeightsAndSizes(points);
            assertEquals(n - 1, tree.mergeCount());
            for (int m = 0; m < n - 1; m++) {
                assertEquals(reference[0][m], tree.height(m), 1e-9, "seed " + seed + " merge " + m);
                assertEquals((int) reference[1][m], tree.size(m), "seed " + seed + " merge " + m);
                assertTrue(tree.left(m) < tree.right(m));
                assertTrue(tree.right(m) < n + m, "children are created before their parent");
                assertEquals(tree.height(m) * tree.height(m) / 2, tree.sseIncrease(m), 1e-12);
            }
            assertEquals(n, tree.size(n - 2));
        }
    }

    @Test
    void sseIncreaseMatchesTheDefinitionOnTwoPoints() {
        WardTree tree = new Ward().fit(new double[][] {{0, 0}, {3, 4}}).tree();
        assertEquals(1, tree.mergeCount());
        assertEquals(0, tree.left(0));
        assertEquals(1, tree.right(0));
        assertEquals(5.0, tree.height(0), 1e-12); // sqrt(2 · 1·1/2 · 25)
        assertEquals(12.5, tree.sseIncrease(0), 1e-12); // 2 · 2.5²
        assertEquals(2, tree.size(0));
    }

    @Test
    void cutRecoversSeparatedBlobs() {
        double[][] centres = {{0, 0}, {50, 0}, {0, 50}};
        double[][] points = blobs(7, centres, 20);
        WardResult result = new Ward().fit(points);
        assertFalse(result.sampled());
        int[] labels = result.cut(3);
        // Point i belongs to blob i % 3; labels are numbered by smallest index, so blob b gets label b.
        for (int i = 0; i < points.length; i++) {
            assertEquals(i % 3, labels[i], "point " + i);
        }
        int[] one = result.cut(1);
        assertTrue(Arrays.stream(one).allMatch(l -> l == 0));
        int[] all = result.cut(points.length);
        for (int i = 0; i < points.length; i++) {
            assertEquals(i, all[i]);
        }
        // The last two merges join the blobs, far above every merge inside a blob.
        WardTree tree = result.tree();
        assertTrue(tree.height(points.length - 4) < 5);
        assertTrue(tree.height(points.length - 3) > 40);
    }

    @Test
    void deterministicIncludingTies() {
        // A grid has many equal distances.
        double[][] grid = new double[36][];
        for (int i = 0; i < 36; i++) {
            grid[i] = new double[] {i % 6, i / 6};
        }
        WardResult first = new Ward().fit(grid);
        WardResult second = new Ward().fit(grid);
        assertArrayEquals(first.tree().heights(), second.tree().heights());
        for (int m = 0; m < 35; m++) {
            assertEquals(first.tree().left(m), second.tree().left(m));
            assertEquals(first.tree().right(m), second.tree().right(m));
        }
        for (int k = 1; k <= 36; k++) {
            assertArrayEquals(first.cut(k), second.cut(k));
        }
        double[][] reference = bruteForceHeightsAndSizes(grid);
        for (int m = 0; m < 35; m++) {
            assertEquals(reference[0][m], first.tree().height(m), 1e-9);
        }
    }

    @Test
    void samplesAboveTheMaximumAndAssignsEveryPoint() {
        double[][] centres = {{0, 0}, {100, 0}, {0, 100}, {100, 100}};
        double[][] points = blobs(3, centres, 50);
        Ward ward = new Ward(40, 11L);
        WardResult result = ward.fit(points);
        assertTrue(result.sampled());
        assertEquals(200, result.pointCount());
        int[] sample = result.sampleIndices();
        assertEquals(40, sample.length);
        for (int s = 1; s < sample.length; s++) {
            assertTrue(sample[s - 1] < sample[s]);
        }
        assertEquals(40, result.tree().pointCount());
        int[] labels = result.cut(4);
        assertEquals(200, labels.length);
        // Every blob gets exactly one label and the four labels are distinct.
        Map<Integer, Integer> labelOfBlob = new HashMap<>();
        for (int i = 0; i < points.length; i++) {
            Integer previous = labelOfBlob.putIfAbsent(i % 4, labels[i]);
            if (previous != null) {
                assertEquals(previous, labels[i], "point " + i);
            }
        }
        assertEquals(4, labelOfBlob.values().stream().distinct().count());
        // Same seed, same sample and labels; another seed, another sample.
        WardResult again = new Ward(40, 11L).fit(points);
        assertArrayEquals(sample, again.sampleIndices());
        assertArrayEquals(labels, again.cut(4));
        assertFalse(Arrays.equals(sample, new Ward(40, 12L).fit(points).sampleIndices()));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new Ward().fit(new double[0][]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Ward().fit(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("points[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Ward().fit(new double[][] {{1, Double.NaN}}));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ward(1, 0));
        WardResult single = new Ward().fit(new double[][] {{1, 2}});
        assertEquals(0, single.tree().mergeCount());
        assertArrayEquals(new int[] {0}, single.cut(1));
        assertThrows(IllegalArgumentException.class, () -> single.cut(2));
        assertThrows(IllegalArgumentException.class, () -> new Ward().fit(randomPoints(1, 5, 2)).cut(0));
    }
}
