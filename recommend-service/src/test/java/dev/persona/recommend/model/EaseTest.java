package dev.persona.recommend.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EaseTest {

    @Test
    void twoItemsByHand() throws InterruptedException {
        // X = [[1, 1], [1, 0]]: XᵀX + I = [[3, 1], [1, 2]], P = [[2, −1], [−1, 3]] / 5,
        // B01 = −P01 / P11 = 1/3, B10 = −P10 / P00 = 1/2.
        Interactions x = Interactions.builder().add("u", "a", 1).add("u", "b", 1).add("v", "a", 1)
                .build(Interactions.Duplicates.SUM);
        List<Integer> steps = new ArrayList<>();
        EaseModel model = Ease.train(x, new EaseParams(1, 10, 1), (it, total, loss) -> {
            steps.add(it);
            assertEquals(1, total);
            assertEquals(0, loss);
        });
        int a = model.itemIndex("a");
        int b = model.itemIndex("b");
        assertEquals(0, model.weight(a, a));
        assertEquals(1 / 3.0, model.weight(a, b), 1e-6);
        assertEquals(1 / 2.0, model.weight(b, a), 1e-6);
        assertEquals(List.of(1), steps);
        // A user who only has b: score of a is B_ba.
        float[] scores = model.scores(Map.of("b", 1));
        assertEquals(0.5, scores[a], 1e-6);
        assertEquals(0, scores[b], 0);
    }

    @Test
    void matchesADirectDenseComputation() throws InterruptedException {
        Interactions data = Synthetic.implicit(60, 25, 3).binarised();
        double lambda = 7;
        EaseModel model = Ease.train(data, new EaseParams(lambda, 1000, 2), ProgressListener.NONE);
        int n = data.numItems();
        double[][] g = new double[n][n];
        for (int u = 0; u < data.numUsers(); u++) {
            for (int i : data.itemsOf(u)) {
                for (int j : data.itemsOf(u)) {
                    g[i][j] += 1;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            g[i][i] += lambda;
        }
        double[][] p = invert(g);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = i == j ? 0 : -p[i][j] / p[j][j];
                assertEquals(expected, model.weight(i, j), 1e-5 + 1e-5 * Math.abs(expected), i + "," + j);
            }
        }
        // Scores of a history: the sum of its rows of B; the history itself is left out of recommendations.
        int[] history = data.itemsOf(5);
        float[] ones = new float[history.length];
        java.util.Arrays.fill(ones, 1f);
        float[] scores = model.scores(history, ones);
        for (int j = 0; j < n; j++) {
            double expected = 0;
            for (int i : history) {
                expected += i == j ? 0 : -p[i][j] / p[j][j];
            }
            assertEquals(expected, scores[j], 1e-4);
        }
        int[] top = model.recommend(history, ones, 5);
        for (int item : top) {
            assertTrue(java.util.Arrays.binarySearch(history, item) < 0);
        }
        assertFalse(model.erase("u1"));
    }

    @Test
    void sameModelForOneAndTwoThreads() throws InterruptedException {
        Interactions data = Synthetic.implicit(80, 40, 9);
        EaseModel one = Ease.train(data, new EaseParams(3, 100, 1), ProgressListener.NONE);
        EaseModel two = Ease.train(data, new EaseParams(3, 100, 2), ProgressListener.NONE);
        assertArrayEquals(one.weightArray(), two.weightArray());
    }

    @Test
    void refusesACatalogueAboveTheLimitAndSaysWhy() {
        Interactions.Builder builder = Interactions.builder();
        for (int i = 0; i < 12; i++) {
            builder.add("u" + (i % 3), "i" + i, 1);
        }
        Interactions data = builder.build(Interactions.Duplicates.SUM);
        CatalogueTooLargeException e = assertThrows(CatalogueTooLargeException.class,
                () -> Ease.train(data, new EaseParams(10, 11, 1), ProgressListener.NONE));
        assertEquals(12, e.items());
        assertEquals(11, e.maxItems());
        assertTrue(e.getMessage().contains("EASE refuses 12 items: the limit is 11"), e.getMessage());
        assertTrue(e.getMessage().contains("dense items × items matrices"), e.getMessage());
        assertEquals(20_000, EaseParams.defaults().maxItems());
        assertThrows(IllegalArgumentException.class, () -> EaseParams.defaults().withMaxItems(50_000));
    }

    /** Gauss–Jordan with partial pivoting. */
    static double[][] invert(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            double d = a[c][c];
            for (int j = 0; j < 2 * n; j++) {
                a[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
