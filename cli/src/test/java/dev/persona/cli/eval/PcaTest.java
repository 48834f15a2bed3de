package dev.persona.cli.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTest {

    @Test
    void aKnownCovarianceGivesItsEigenvaluesAndEigenvectors() {
        // Eigenvalues 4 (along (1, 1, 0)/√2), 2 (along (1, −1, 0)/√2) and 1 (along z).
        double[][] covariance = {{3, 1, 0}, {1, 3, 0}, {0, 0, 1}};
        Pca pca = Pca.ofCovariance(new double[3], covariance);
        assertArrayEquals(new double[] {4, 2, 1}, pca.eigenvalues(), 1e-12);
        double r = Math.sqrt(0.5);
        assertArrayEquals(new double[] {r, r, 0}, pca.component(0), 1e-12);
        double[] second = pca.component(1);
        assertEquals(r, Math.abs(second[0]), 1e-12);
        assertEquals(-second[0], second[1], 1e-12);
        assertArrayEquals(new double[] {0, 0, 1}, pca.component(2), 1e-12);
        assertEquals(4.0 / 7, pca.explained(0), 1e-12);
        assertArrayEquals(new double[] {2 * r, 0}, pca.project(new double[] {1, 1, 5}, 2), 1e-12);
    }

    @Test
    void fittedComponentsAreOrthonormalAndRecoverTheSampleCovariance() {
        Random random = new Random(7);
        double[][] rows = new double[2_000][];
        for (int i = 0; i < rows.length; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            rows[i] = new double[] {2 * a + 1, a + 0.5 * b, 0.1 * c - a};
        }
        Pca pca = Pca.fit(rows);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(i == j ? 1 : 0, dot(pca.component(i), pca.component(j)), 1e-10);
            }
        }
        // The variance of the projections on a component is its eigenvalue.
        double[] eigenvalues = pca.eigenvalues();
        double[] sums = new double[2];
        for (double[] row : rows) {
            double[] p = pca.project(row, 2);
            sums[0] += p[0] * p[0];
            sums[1] += p[1] * p[1];
        }
        assertEquals(eigenvalues[0], sums[0] / rows.length, 1e-9);
        assertEquals(eigenvalues[1], sums[1] / rows.length, 1e-9);
        double total = 0;
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            for (double[] row : rows) {
                mean += row[j] / rows.length;
            }
            for (double[] row : rows) {
                total += (row[j] - mean) * (row[j] - mean) / rows.length;
            }
        }
        assertEquals(total, eigenvalues[0] + eigenvalues[1] + eigenvalues[2], 1e-9);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
