package dev.persona.cli.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Principal components of a small number of columns: the covariance matrix (population, over the rows), its
 * eigenvectors by cyclic Jacobi rotations, sorted by eigenvalue descending, and the projection of the centred rows on
 * them. Meant for a handful of dimensions (3 for RFM); O(d²) memory.
 */
public final class Pca {

    private static final int MAX_SWEEPS = 100;
    private static final double TOLERANCE = 1e-14;

    private final double[] means;
    private final double[] eigenvalues;
    /** eigenvectors[c] is the c-th component, unit length. */
    private final double[][] eigenvectors;

    private Pca(double[] means, double[] eigenvalues, double[][] eigenvectors) {
        this.means = means;
        this.eigenvalues = eigenvalues;
        this.eigenvectors = eigenvectors;
    }

    /** Fits on {@code rows}, each of the same length; at least one row. */
    public static Pca fit(double[][] rows) {
        int d = rows[0].length;
        double[] means = new double[d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                means[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            means[j] /= rows.length;
        }
        double[][] covariance = new double[d][d];
        for (double[] row : rows) {
            for (int i = 0; i < d; i++) {
                double a = row[i] - means[i];
                for (int j = i; j < d; j++) {
                    covariance[i][j] += a * (row[j] - means[j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                covariance[i][j] /= rows.length;
                covariance[j][i] = covariance[i][j];
            }
        }
        return ofCovariance(means, covariance);
    }

    /** The components of a given symmetric covariance matrix, about {@code means}. */
    static Pca ofCovariance(double[] means, double[][] covariance) {
        int d = covariance.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) {
            a[i] = covariance[i].clone();
        }
        double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(a) > TOLERANCE * (1 + trace(a)); sweep++) {
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    rotate(a, v, p, q);
                }
            }
        }
        Integer[] order = IntStream.range(0, d).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> a[i][i]).reversed());
        double[] eigenvalues = new double[d];
        double[][] eigenvectors = new double[d][d];
        for (int c = 0; c < d; c++) {
            int column = order[c];
            eigenvalues[c] = a[column][column];
            // The sign of an eigenvector is arbitrary: make its largest entry positive, so results are stable.
            int largest = 0;
            for (int i = 0; i < d; i++) {
                eigenvectors[c][i] = v[i][column];
                if (Math.abs(v[i][column]) > Math.abs(v[largest][column])) {
                    largest = i;
                }
            }
            if (v[largest][column] < 0) {
                for (int i = 0; i < d; i++) {
                    eigenvectors[c][i] = -eigenvectors[c][i];
                }
            }
        }
        return new Pca(means.clone(), eigenvalues, eigenvectors);
    }

    /** One Jacobi rotation zeroing a[p][q], applied to a (both sides) and accumulated into v. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        if (Math.abs(a[p][q]) < Double.MIN_NORMAL) {
            return;
        }
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int d = a.length;
        for (int k = 0; k < d; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < d; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < d; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    private static double offDiagonal(double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                if (i != j) {
                    sum += a[i][j] * a[i][j];
                }
            }
        }
        return Math.sqrt(sum);
    }

    private static double trace(double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i][i]);
        }
        return sum;
    }

    /** Eigenvalues (variances along the components), descending. */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** The c-th component (0-based), unit length, its largest entry positive. */
    public double[] component(int c) {
        return eigenvectors[c].clone();
    }

    /** Share of the total variance along the c-th component. */
    public double explained(int c) {
        double total = Arrays.stream(eigenvalues).sum();
        return total > 0 ? eigenvalues[c] / total : 0;
    }

    /** The coordinates of a row on the first {@code components} components. */
    public double[] project(double[] row, int components) {
        double[] coordinates = new double[components];
        for (int c = 0; c < components; c++) {
            double sum = 0;
            for (int j = 0; j < row.length; j++) {
                sum += (row[j] - means[j]) * eigenvectors[c][j];
            }
            coordinates[c] = sum;
        }
        return coordinates;
    }
}
