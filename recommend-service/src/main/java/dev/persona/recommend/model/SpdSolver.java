package dev.persona.recommend.model;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Solves small symmetric positive definite systems A·x = b by Cholesky (EJML), reusing its buffers: one per worker
 * thread. When A is singular (possible with λ = 0 and fewer observations than unknowns), a tiny ridge
 * (10⁻⁹·trace/n) is added to the diagonal and the solve retried.
 */
final class SpdSolver {

    private final int n;
    private final DMatrixRMaj a;
    private final DMatrixRMaj copy;
    private final DMatrixRMaj b;
    private final DMatrixRMaj x;
    private final LinearSolverDense<DMatrixRMaj> solver;

    SpdSolver(int n) {
        this.n = n;
        this.a = new DMatrixRMaj(n, n);
        this.copy = new DMatrixRMaj(n, n);
        this.b = new DMatrixRMaj(n, 1);
        this.x = new DMatrixRMaj(n, 1);
        this.solver = LinearSolverFactory_DDRM.chol(n);
    }

    /** The n × n row-major matrix to fill (the lower triangle suffices), then {@link #solve}. */
    double[] matrix() {
        return a.data;
    }

    private double[] rows = new double[0];

    /** A scratch buffer of at least {@code size} doubles, kept between calls. */
    double[] rows(int size) {
        if (rows.length < size) {
            rows = new double[Math.max(size, rows.length * 2)];
        }
        return rows;
    }

    /**
     * Adds the lower triangle of ZᵀZ to {@link #matrix()}, Z the first {@code count} rows of n values in {@code z}:
     * four rows at a time, so that each matrix row is loaded and stored once per four rows of Z.
     */
    void addGram(double[] z, int count) {
        double[] m = a.data;
        int r = 0;
        for (; r + 3 < count; r += 4) {
            int o0 = r * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            for (int i = 0; i < n; i++) {
                double x0 = z[o0 + i];
                double x1 = z[o1 + i];
                double x2 = z[o2 + i];
                double x3 = z[o3 + i];
                int row = i * n;
                for (int j = 0; j <= i; j++) {
                    m[row + j] += x0 * z[o0 + j] + x1 * z[o1 + j] + x2 * z[o2 + j] + x3 * z[o3 + j];
                }
            }
        }
        for (; r < count; r++) {
            int o = r * n;
            for (int i = 0; i < n; i++) {
                Dense.axpy(z[o + i], z, o, m, i * n, i + 1);
            }
        }
    }

    /** The right-hand side to fill, then {@link #solve}. */
    double[] rhs() {
        return b.data;
    }

    /** Solves with the filled matrix (its lower triangle) and right-hand side; the result is {@code solution()}. */
    double[] solve() {
        Dense.symmetrise(a.data, n);
        System.arraycopy(a.data, 0, copy.data, 0, n * n);
        if (!solver.setA(a)) {
            double trace = 0;
            for (int i = 0; i < n; i++) {
                trace += copy.data[i * n + i];
            }
            double ridge = Math.max(1e-12, 1e-9 * trace / n);
            for (int i = 0; i < n; i++) {
                copy.data[i * n + i] += ridge;
            }
            System.arraycopy(copy.data, 0, a.data, 0, n * n);
            if (!solver.setA(a)) {
                java.util.Arrays.fill(x.data, 0);
                return x.data;
            }
        }
        solver.solve(b, x);
        return x.data;
    }
}
