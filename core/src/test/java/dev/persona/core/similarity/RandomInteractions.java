package dev.persona.core.similarity;

import java.util.Random;

/**
 * A seeded random interaction log with skewed popularity (a few heavy users and items, a long tail of light ones,
 * some users and items never seen) and repeated (user, item) pairs, so that kernels meet dense rows, sparse rows,
 * empty rows and merged duplicates.
 */
final class RandomInteractions {

    /** How weights are drawn. */
    enum Weights {
        /** Star ratings 1..5. */
        INTEGER,
        /** Real numbers in [-1, 5), including negatives. */
        REAL,
        /** Any weight, stored as 1 ({@code binary}). */
        BINARY
    }

    final int numUsers;
    final int numItems;
    final int[] users;
    final int[] items;
    final double[] weights;
    final Weights kind;

    private RandomInteractions(int numUsers, int numItems, int count, Weights kind) {
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.users = new int[count];
        this.items = new int[count];
        this.weights = new double[count];
        this.kind = kind;
    }

    /**
     * {@code count} interactions over {@code numUsers} × {@code numItems}; the last two users and items never occur.
     * User u is drawn with weight ∝ 1/(u+2) and item i with ∝ 1/(i+2), so low indices are dense and high ones sparse.
     */
    static RandomInteractions generate(long seed, int numUsers, int numItems, int count, Weights kind) {
        Random random = new Random(seed);
        RandomInteractions log = new RandomInteractions(numUsers, numItems, count, kind);
        double[] userCdf = harmonicCdf(numUsers - 2);
        double[] itemCdf = harmonicCdf(numItems - 2);
        for (int e = 0; e < count; e++) {
            log.users[e] = draw(userCdf, random);
            log.items[e] = draw(itemCdf, random);
            log.weights[e] = kind == Weights.REAL ? -1 + 6 * random.nextDouble() : 1 + random.nextInt(5);
        }
        return log;
    }

    InteractionMatrix matrix() {
        return InteractionMatrix.fromTriples(numUsers, numItems, users, items, weights, users.length,
                DuplicatePolicy.SUM, kind == Weights.BINARY);
    }

    /** The log as a dense user × item matrix, duplicates summed in input order; {@code present} marks stored pairs. */
    double[][] denseByUser(boolean[][] present) {
        double[][] dense = new double[numUsers][numItems];
        for (int e = 0; e < users.length; e++) {
            present[users[e]][items[e]] = true;
            dense[users[e]][items[e]] += weights[e];
        }
        if (kind == Weights.BINARY) {
            for (int u = 0; u < numUsers; u++) {
                for (int i = 0; i < numItems; i++) {
                    dense[u][i] = present[u][i] ? 1 : 0;
                }
            }
        }
        return dense;
    }

    private static double[] harmonicCdf(int n) {
        double[] cdf = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += 1.0 / (i + 2);
            cdf[i] = total;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= total;
        }
        return cdf;
    }

    private static int draw(double[] cdf, Random random) {
        double u = random.nextDouble();
        for (int i = 0; i < cdf.length; i++) {
            if (u < cdf[i]) {
                return i;
            }
        }
        return cdf.length - 1;
    }
}
