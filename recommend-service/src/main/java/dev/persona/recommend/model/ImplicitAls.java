package dev.persona.recommend.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * ALS for implicit feedback (Hu, Koren and Volinsky, "Collaborative filtering for implicit feedback datasets",
 * ICDM 2008): preference p = 1 where the value r is more than 0 (0 elsewhere), confidence c = 1 + α·r, minimising
 * Σ_{u,i} c (p − x_u·y_i)² + Σ_u λ_u ‖x_u‖² + Σ_i λ_i ‖y_i‖² over all pairs, observed or not; λ_u = λ, or λ times the
 * row's count when {@link AlsParams#scaleLambda()}. Each row is solved against YᵀY + Yᵀ(C − I)Y, the unobserved
 * pairs summed once in the Gram matrix YᵀY: by a few warm-started conjugate-gradient steps (Takács, Pilászy and
 * Tikk, RecSys 2011), or exactly by Cholesky when {@link AlsParams#cgSteps()} is 0. The loss above is computed after
 * each sweep from the Gram matrix (O(users·k² + pairs·k)). Factors start at N(0, 0.01²) from the seed.
 */
public final class ImplicitAls {

    private ImplicitAls() {
    }

    /** Trains on {@code data}; stops with {@link InterruptedException} when the thread is interrupted. */
    public static ImplicitAlsModel train(Interactions data, AlsParams params, ProgressListener listener)
            throws InterruptedException {
        int nUsers = data.numUsers();
        int nItems = data.numItems();
        int k = params.factors();
        double[] userF = new double[nUsers * k];
        double[] itemF = new double[nItems * k];
        SplittableRandom random = new SplittableRandom(params.seed());
        for (int t = 0; t < userF.length; t++) {
            userF[t] = 0.01 * ExplicitAls.gaussian(random);
        }
        for (int t = 0; t < itemF.length; t++) {
            itemF[t] = 0.01 * ExplicitAls.gaussian(random);
        }
        Side users = new Side(data.userPtr(), data.userItems(), data.userValues(), userF);
        Side items = new Side(data.itemPtr(), data.itemUsers(), data.itemValues(), itemF);
        double[] gram = new double[k * k];
        double[] rowLoss = new double[nUsers];
        try (Workers workers = new Workers(params.threads())) {
            Scratch[] scratch = new Scratch[workers.count()];
            for (int w = 0; w < scratch.length; w++) {
                scratch[w] = new Scratch(k, params.cgSteps() == 0);
            }
            gram(itemF, nItems, k, gram);
            int iterations = params.iterations();
            for (int it = 1; it <= iterations; it++) {
                sweep(users, items, gram, k, params, workers, scratch);
                gram(userF, nUsers, k, gram);
                sweep(items, users, gram, k, params, workers, scratch);
                gram(itemF, nItems, k, gram);
                workers.forRange(nUsers, 64, (w, from, to) -> {
                    for (int u = from; u < to; u++) {
                        rowLoss[u] = userLoss(u, users, itemF, gram, k, params, scratch[w].ax);
                    }
                });
                double loss = 0;
                for (double l : rowLoss) {
                    loss += l;
                }
                for (int i = 0; i < nItems; i++) {
                    loss += rowLambda(params, items.ptr[i + 1] - items.ptr[i]) * Dense.dot(itemF, i * k, itemF, i * k, k);
                }
                listener.onIteration(it, iterations, loss);
            }
        }
        return new ImplicitAlsModel(data.userIds(), data.itemIds(), k, params.lambda(), params.alpha(),
                params.scaleLambda(), Dense.toFloat(userF), Dense.toFloat(itemF));
    }

    /** One side of the matrix: its rows (CSR) and its factors, solved against the other side. */
    private record Side(int[] ptr, int[] cols, float[] vals, double[] factors) {
    }

    /** Per-worker buffers. */
    static final class Scratch {
        final double[] r;
        final double[] p;
        final double[] ap;
        final double[] ax;
        final SpdSolver solver;

        Scratch(int k, boolean exact) {
            r = new double[k];
            p = new double[k];
            ap = new double[k];
            ax = new double[k];
            solver = exact ? new SpdSolver(k) : null;
        }
    }

    static double rowLambda(AlsParams params, int count) {
        return params.scaleLambda() ? params.lambda() * count : params.lambda();
    }

    private static void sweep(Side solve, Side fixed, double[] gram, int k, AlsParams params, Workers workers,
                              Scratch[] scratch) throws InterruptedException {
        int rows = solve.ptr.length - 1;
        double alpha = params.alpha();
        int steps = params.cgSteps();
        workers.forRange(rows, 32, (w, from, to) -> {
            Scratch s = scratch[w];
            for (int row = from; row < to; row++) {
                int a = solve.ptr[row];
                int b = solve.ptr[row + 1];
                double lambda = rowLambda(params, b - a);
                if (steps == 0) {
                    exact(solve.cols, solve.vals, a, b, fixed.factors, gram, k, lambda, alpha, s.solver,
                            solve.factors, row * k);
                } else {
                    conjugateGradient(solve.cols, solve.vals, a, b, fixed.factors, gram, k, lambda, alpha, steps, s,
                            solve.factors, row * k);
                }
            }
        });
    }

    /** (G + λI + Σ (c−1) y yᵀ) x = Σ_{p=1} c y by Cholesky, written to out[outOff..]. */
    static void exact(int[] cols, float[] vals, int from, int to, double[] other, double[] gram, int k,
                      double lambda, double alpha, SpdSolver solver, double[] out, int outOff) {
        double[] a = solver.matrix();
        double[] b = solver.rhs();
        System.arraycopy(gram, 0, a, 0, k * k);
        Arrays.fill(b, 0);
        for (int j = 0; j < k; j++) {
            a[j * k + j] += lambda;
        }
        for (int q = from; q < to; q++) {
            double v = vals[q];
            if (v <= 0) {
                continue;
            }
            int off = cols[q] * k;
            double cm1 = alpha * v;
            for (int j = 0; j < k; j++) {
                double yj = other[off + j];
                Dense.axpy(cm1 * yj, other, off, a, j * k, j + 1);
                b[j] += (1 + cm1) * yj;
            }
        }
        double[] x = solver.solve();
        System.arraycopy(x, 0, out, outOff, k);
    }

    /** A few conjugate-gradient steps on the same system, starting from the current x[xOff..]. */
    static void conjugateGradient(int[] cols, float[] vals, int from, int to, double[] other, double[] gram, int k,
                                  double lambda, double alpha, int steps, Scratch s, double[] x, int xOff) {
        double[] r = s.r;
        double[] p = s.p;
        double[] ap = s.ap;
        // r = b − A x = Σ_obs (c − (c − 1)·y·x) y − (G + λI) x
        symmetricTimes(gram, x, xOff, k, lambda, r);
        for (int j = 0; j < k; j++) {
            r[j] = -r[j];
        }
        observed(cols, vals, from, to, other, k, alpha, x, xOff, r, true);
        System.arraycopy(r, 0, p, 0, k);
        double rs = Dense.dot(r, 0, r, 0, k);
        for (int step = 0; step < steps && rs > 1e-20; step++) {
            // Ap = (G + λI) p + Σ_obs (c − 1)(y·p) y
            symmetricTimes(gram, p, 0, k, lambda, ap);
            observed(cols, vals, from, to, other, k, alpha, p, 0, ap, false);
            double pap = Dense.dot(p, 0, ap, 0, k);
            if (!(pap > 0)) {
                break;
            }
            double step1 = rs / pap;
            Dense.axpy(step1, p, 0, x, xOff, k);
            Dense.axpy(-step1, ap, 0, r, 0, k);
            double rsNew = Dense.dot(r, 0, r, 0, k);
            double beta = rsNew / rs;
            for (int j = 0; j < k; j++) {
                p[j] = r[j] + beta * p[j];
            }
            rs = rsNew;
        }
    }

    /** out = (G + λI)·v[vOff..] for a symmetric G, as a sum of G's rows (which vectorises, unlike dot products). */
    static void symmetricTimes(double[] gram, double[] v, int vOff, int k, double lambda, double[] out) {
        for (int j = 0; j < k; j++) {
            out[j] = lambda * v[vOff + j];
        }
        for (int j = 0; j < k; j++) {
            Dense.axpy(v[vOff + j], gram, j * k, out, 0, k);
        }
    }

    /**
     * out += Σ_obs w·y with w = (c − 1)·(y·v) or, for the residual, w = c − (c − 1)·(y·v); c = 1 + α·r, pairs with
     * r ≤ 0 left out. Four observed rows at a time: their four dot products share the loads of v, and out is loaded
     * and stored once for the four.
     */
    static void observed(int[] cols, float[] vals, int from, int to, double[] other, int k, double alpha,
                         double[] v, int vOff, double[] out, boolean residual) {
        int q = from;
        for (; q + 3 < to; q += 4) {
            int o0 = cols[q] * k;
            int o1 = cols[q + 1] * k;
            int o2 = cols[q + 2] * k;
            int o3 = cols[q + 3] * k;
            double d0 = 0;
            double d1 = 0;
            double d2 = 0;
            double d3 = 0;
            for (int t = 0; t < k; t++) {
                double vt = v[vOff + t];
                d0 += other[o0 + t] * vt;
                d1 += other[o1 + t] * vt;
                d2 += other[o2 + t] * vt;
                d3 += other[o3 + t] * vt;
            }
            double w0 = weight(vals[q], alpha, d0, residual);
            double w1 = weight(vals[q + 1], alpha, d1, residual);
            double w2 = weight(vals[q + 2], alpha, d2, residual);
            double w3 = weight(vals[q + 3], alpha, d3, residual);
            for (int t = 0; t < k; t++) {
                out[t] += w0 * other[o0 + t] + w1 * other[o1 + t] + w2 * other[o2 + t] + w3 * other[o3 + t];
            }
        }
        for (; q < to; q++) {
            int o = cols[q] * k;
            double w = weight(vals[q], alpha, Dense.dot(other, o, v, vOff, k), residual);
            Dense.axpy(w, other, o, out, 0, k);
        }
    }

    private static double weight(float value, double alpha, double dot, boolean residual) {
        if (value <= 0) {
            return 0;
        }
        double cm1 = alpha * value;
        return residual ? 1 + cm1 - cm1 * dot : cm1 * dot;
    }

    /** A user's part of the loss: x Gx over every item, corrected on the observed ones, plus their penalty. */
    private static double userLoss(int u, Side users, double[] itemF, double[] gram, int k, AlsParams params,
                                   double[] gx) {
        double[] x = users.factors;
        int off = u * k;
        symmetricTimes(gram, x, off, k, 0, gx);
        double loss = Dense.dot(gx, 0, x, off, k);
        for (int q = users.ptr[u]; q < users.ptr[u + 1]; q++) {
            double v = users.vals[q];
            double s = Dense.dot(itemF, users.cols[q] * k, x, off, k);
            if (v > 0) {
                double c = 1 + params.alpha() * v;
                loss += c * (1 - s) * (1 - s) - s * s;
            }
        }
        return loss + rowLambda(params, users.ptr[u + 1] - users.ptr[u]) * Dense.dot(x, off, x, off, k);
    }

    /** The full (symmetric) Gram matrix MᵀM of a rows × k factor matrix. */
    static void gram(double[] m, int rows, int k, double[] out) {
        Dense.gramLower(m, rows, k, out);
        Dense.symmetrise(out, k);
    }
}
