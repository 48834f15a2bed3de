package dev.persona.segment.predict;

/**
 * Solves A x = b for a symmetric positive definite A by Cholesky factorisation A = L Lᵀ
 * (L lower triangular, L_jj = √(A_jj − Σ_{k&lt;j} L_jk²), L_ij = (A_ij − Σ_{k&lt;j} L_ik L_jk) / L_jj),
 * then forward substitution L y = b and back substitution Lᵀ x = y.
 */
final class Cholesky {

    private Cholesky() {
    }

    /** x with A x = b; only the lower triangle of {@code a} is read. Neither argument is modified. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        if (a.length != n) {
            throw new IllegalArgumentException("matrix is " + a.length + "×" + a.length + " but the vector has " + n
                    + " entries");
        }
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 1e-12 * Math.max(1, Math.abs(a[j][j])))) {
                throw new IllegalStateException("matrix is not positive definite (pivot " + j + " is " + d
                        + "); for logistic regression, use lambda > 0");
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
