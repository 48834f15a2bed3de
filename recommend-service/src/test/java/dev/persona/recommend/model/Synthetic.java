package dev.persona.recommend.model;

import java.util.SplittableRandom;

/** Small seeded data sets with a low-rank structure, for the trainer tests. */
final class Synthetic {

    private Synthetic() {
    }

    /** Ratings 1..5 from a rank-3 model plus noise; each user rates about {@code density} of the items. */
    static Interactions ratings(int users, int items, double density, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] p = gaussians(random, users, 3);
        double[][] q = gaussians(random, items, 3);
        Interactions.Builder builder = Interactions.builder();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (random.nextDouble() < density) {
                    double r = 3 + p[u][0] * q[i][0] + p[u][1] * q[i][1] + p[u][2] * q[i][2] + 0.3 * gaussian(random);
                    builder.add("u" + u, "i" + i, (float) Math.max(1, Math.min(5, Math.rint(r))));
                }
            }
        }
        return builder.build(Interactions.Duplicates.LAST);
    }

    /** Implicit 0/1 interactions: user u likes item i with a probability rising with a rank-2 affinity. */
    static Interactions implicit(int users, int items, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] p = gaussians(random, users, 2);
        double[][] q = gaussians(random, items, 2);
        Interactions.Builder builder = Interactions.builder();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                double a = p[u][0] * q[i][0] + p[u][1] * q[i][1];
                if (random.nextDouble() < 1 / (1 + Math.exp(3 - 2 * a))) {
                    builder.add("u" + u, "i" + i, 1f + random.nextInt(3));
                }
            }
        }
        return builder.build(Interactions.Duplicates.SUM);
    }

    private static double[][] gaussians(SplittableRandom random, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            for (int c = 0; c < cols; c++) {
                row[c] = gaussian(random);
            }
        }
        return out;
    }

    static double gaussian(SplittableRandom random) {
        return ExplicitAls.gaussian(random);
    }
}
