package dev.persona.recommend.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Biased ALS for rating prediction, regularised as ALS-WR (Zhou et al., 2008): r̂(u,i) = μ + b_u + b_i + p_u·q_i,
 * minimising Σ (r − r̂)² + λ (Σ_u n_u (b_u² + ‖p_u‖²) + Σ_i n_i (b_i² + ‖q_i‖²)), n the row's count of ratings and μ
 * the global mean (fixed). Each sweep solves every user's (b_u, p_u) exactly with the items fixed, then every item's
 * (b_i, q_i) with the users fixed, so the objective never rises; it is reported after each sweep. Item factors start
 * at N(0, 0.1²) from the seed, biases and user factors at 0. Users or items without ratings keep zeros.
 */
public final class ExplicitAls {

    private ExplicitAls() {
    }

    /** Trains on {@code ratings}; stops with {@link InterruptedException} when the thread is interrupted. */
    public static ExplicitAlsModel train(Interactions ratings, AlsParams params, ProgressListener listener)
            throws InterruptedException {
        int nUsers = ratings.numUsers();
        int nItems = ratings.numItems();
        int k = params.factors();
        if (ratings.size() == 0) {
            throw new IllegalArgumentException("no ratings to train on");
        }
        double mean = ratings.sum() / ratings.size();
        double[] userF = new double[nUsers * k];
        double[] itemF = new double[nItems * k];
        double[] userB = new double[nUsers];
        double[] itemB = new double[nItems];
        SplittableRandom random = new SplittableRandom(params.seed());
        for (int t = 0; t < itemF.length; t++) {
            itemF[t] = 0.1 * gaussian(random);
        }
        double lambda = params.lambda();
        try (Workers workers = new Workers(params.threads())) {
            SpdSolver[] solvers = new SpdSolver[workers.count()];
            for (int w = 0; w < solvers.length; w++) {
                solvers[w] = new SpdSolver(k + 1);
            }
            double[] rowLoss = new double[nUsers];
            int iterations = params.iterations();
            for (int it = 1; it <= iterations; it++) {
                workers.forRange(nUsers, 32, (w, from, to) -> {
                    for (int u = from; u < to; u++) {
                        solveRow(u, ratings.userPtr(), ratings.userItems(), ratings.userValues(), mean, itemF, itemB,
                                userF, userB, k, lambda, solvers[w]);
                    }
                });
                workers.forRange(nItems, 32, (w, from, to) -> {
                    for (int i = from; i < to; i++) {
                        solveRow(i, ratings.itemPtr(), ratings.itemUsers(), ratings.itemValues(), mean, userF, userB,
                                itemF, itemB, k, lambda, solvers[w]);
                    }
                });
                workers.forRange(nUsers, 64, (w, from, to) -> {
                    for (int u = from; u < to; u++) {
                        rowLoss[u] = userLoss(u, ratings, mean, userF, userB, itemF, itemB, k, lambda);
                    }
                });
                double loss = 0;
                for (double l : rowLoss) {
                    loss += l;
                }
                int[] itemPtr = ratings.itemPtr();
                for (int i = 0; i < nItems; i++) {
                    int n = itemPtr[i + 1] - itemPtr[i];
                    loss += lambda * n * (itemB[i] * itemB[i] + Dense.dot(itemF, i * k, itemF, i * k, k));
                }
                listener.onIteration(it, iterations, loss);
            }
        }
        return new ExplicitAlsModel(ratings.userIds(), ratings.itemIds(), k, mean, lambda, Dense.toFloat(userB),
                Dense.toFloat(itemB), Dense.toFloat(userF), Dense.toFloat(itemF));
    }

    /**
     * Solves row {@code r}'s bias and factors against the fixed other side: with z = (1, q), A = Σ z zᵀ + λ n I and
     * b = Σ (v − μ − b_other) z.
     */
    static void solveRow(int r, int[] ptr, int[] cols, float[] vals, double mean, double[] otherF, double[] otherB,
                         double[] outF, double[] outB, int k, double lambda, SpdSolver solver) {
        int from = ptr[r];
        int to = ptr[r + 1];
        int d = k + 1;
        if (from == to) {
            outB[r] = 0;
            Arrays.fill(outF, r * k, r * k + k, 0);
            return;
        }
        double[] a = solver.matrix();
        double[] b = solver.rhs();
        Arrays.fill(a, 0);
        Arrays.fill(b, 0);
        // Z: one row (1, q) per rating; A = ZᵀZ (lower triangle), b = Zᵀ·targets.
        int count = to - from;
        double[] z = solver.rows(count * d);
        for (int p = 0; p < count; p++) {
            int c = cols[from + p];
            int row = p * d;
            z[row] = 1;
            System.arraycopy(otherF, c * k, z, row + 1, k);
            Dense.axpy(vals[from + p] - mean - otherB[c], z, row, b, 0, d);
        }
        solver.addGram(z, count);
        double reg = lambda * (to - from);
        for (int j = 0; j < d; j++) {
            a[j * d + j] += reg;
        }
        double[] x = solver.solve();
        outB[r] = x[0];
        System.arraycopy(x, 1, outF, r * k, k);
    }

    private static double userLoss(int u, Interactions ratings, double mean, double[] userF, double[] userB,
                                   double[] itemF, double[] itemB, int k, double lambda) {
        int[] ptr = ratings.userPtr();
        int[] items = ratings.userItems();
        float[] vals = ratings.userValues();
        double sum = 0;
        for (int p = ptr[u]; p < ptr[u + 1]; p++) {
            int i = items[p];
            double e = vals[p] - mean - userB[u] - itemB[i] - Dense.dot(userF, u * k, itemF, i * k, k);
            sum += e * e;
        }
        int n = ptr[u + 1] - ptr[u];
        return sum + lambda * n * (userB[u] * userB[u] + Dense.dot(userF, u * k, userF, u * k, k));
    }

    static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }
}
