package dev.persona.recommend.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricInverseTest {

    @Test
    void invertsSpdMatricesOfManyShapes() throws InterruptedException {
        for (int n : new int[] {1, 2, 5, 63, 64, 65, 130, 200}) {
            for (int threads : new int[] {1, 2}) {
                double[][] m = randomSpd(n, n * 31L + threads);
                double[] a = new double[n * n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j <= i; j++) {
                        a[i * n + j] = m[i][j];
                    }
                    for (int j = i + 1; j < n; j++) {
                        a[i * n + j] = Double.NaN; // the upper triangle is never read
                    }
                }
                try (Workers workers = new Workers(threads)) {
                    SymmetricInverse.invert(a, n, workers);
                }
                double[][] expected = EaseTest.invert(m);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(expected[i][j], a[i * n + j], 1e-9, n + ": " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void refusesAnIndefiniteMatrix() {
        double[] a = {1, 0, 2, 1}; // [[1, 2], [2, 1]] by its lower triangle
        try (Workers workers = new Workers(1)) {
            assertThrows(IllegalStateException.class, () -> SymmetricInverse.invert(a, 2, workers));
        }
    }

    private static double[][] randomSpd(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n + 3][n];
        for (double[] row : x) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextDouble() < 0.3 ? 1 : 0;
            }
        }
        double[][] m = new double[n][n];
        for (double[] row : x) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m[i][j] += row[i] * row[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            m[i][i] += 2;
        }
        return m;
    }
}
