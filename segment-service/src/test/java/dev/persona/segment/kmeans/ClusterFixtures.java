package dev.persona.segment.kmeans;

import java.util.SplittableRandom;

/** Test data: Gaussian blobs and uniform random points, all from fixed seeds. */
final class ClusterFixtures {

    private ClusterFixtures() {
    }

    /** {@code perBlob} points around each centre (row-major, d wide) with Gaussian noise of standard deviation sd. */
    static Points blobs(double[] centres, int d, int perBlob, double sd, long seed) {
        int blobs = centres.length / d;
        double[] data = new double[blobs * perBlob * d];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int b = 0; b < blobs; b++) {
            for (int p = 0; p < perBlob; p++) {
                int row = b * perBlob + p;
                for (int t = 0; t < d; t++) {
                    data[row * d + t] = centres[b * d + t] + sd * gaussian(rng);
                }
            }
        }
        return Points.of(data, blobs * perBlob, d);
    }

    static Points uniform(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] data = new double[n * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextDouble();
        }
        return Points.of(data, n, d);
    }

    static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double sse(Points points, double[] centres, int[] assignment) {
        double s = 0;
        int d = points.d();
        for (int i = 0; i < points.n(); i++) {
            for (int t = 0; t < d; t++) {
                double diff = points.get(i, t) - centres[assignment[i] * d + t];
                s += diff * diff;
            }
        }
        return s;
    }

    static final double[] FOUR_CORNERS = {0, 0, 10, 0, 0, 10, 10, 10};
}
