package dev.persona.core.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.persona.core.similarity.RandomInteractions.Weights;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** On-demand pair scores agree with every score the kernel lists, and score 0 exactly where the kernel lists none. */
class PairSimilarityTest {

    private static final double TOLERANCE = 1e-9;

    @ParameterizedTest
    @EnumSource(Metric.class)
    void everyPairMatchesTheKernelItemSide(Metric metric) {
        for (Weights weights : Weights.values()) {
            RandomInteractions log = RandomInteractions.generate(77, 60, 45, 700, weights);
            InteractionMatrix matrix = log.matrix();
            check(metric, matrix.byItem(), matrix.byUser(), new NeighborKernel(2).itemNeighbors(matrix,
                    new NeighborParams(metric, matrix.numItems(), 1, 1.5)));
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void everyPairMatchesTheKernelUserSide(Metric metric) {
        RandomInteractions log = RandomInteractions.generate(78, 50, 40, 600, Weights.REAL);
        InteractionMatrix matrix = log.matrix();
        check(metric, matrix.byUser(), matrix.byItem(), new NeighborKernel(1).userNeighbors(matrix,
                new NeighborParams(metric, matrix.numUsers(), 1, 1.5)));
    }

    @Test
    void rejectsNegativeShrinkage() {
        int[] idx = {0};
        double[] val = {1};
        assertThrows(IllegalArgumentException.class,
                () -> PairSimilarity.of(Metric.COSINE, -1, idx, val, idx, val, null));
    }

    @Test
    void identicalRatersScoreOneWithCosineAndJaccard() {
        int[] idx = {1, 4, 9};
        double[] a = {1, 1, 1};
        assertEquals(1.0, PairSimilarity.of(Metric.COSINE, 0, idx, a, idx, a, null).score(), TOLERANCE);
        assertEquals(1.0, PairSimilarity.of(Metric.JACCARD, 0, idx, a, idx, a, null).score(), TOLERANCE);
        assertEquals(3, PairSimilarity.of(Metric.JACCARD, 0, idx, a, idx, a, null).support());
    }

    private static void check(Metric metric, SparseRows rows, SparseRows features, NeighborLists lists) {
        double[] featureMeans = means(features);
        for (int a = 0; a < rows.numRows(); a++) {
            double[] listed = new double[rows.numRows()];
            Arrays.fill(listed, Double.NaN);
            for (int p = lists.start(a); p < lists.end(a); p++) {
                listed[lists.neighbor(p)] = lists.score(p);
            }
            for (int b = 0; b < rows.numRows(); b++) {
                if (a == b) {
                    continue;
                }
                PairSimilarity.Score score = PairSimilarity.of(metric, 1.5, cols(rows, a), vals(rows, a),
                        cols(rows, b), vals(rows, b), f -> featureMeans[f]);
                double expected = Double.isNaN(listed[b]) ? 0 : listed[b];
                assertEquals(expected, score.score(), TOLERANCE, metric + " pair " + a + "," + b);
            }
        }
    }

    private static int[] cols(SparseRows m, int r) {
        int[] out = new int[m.rowEnd(r) - m.rowStart(r)];
        for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
            out[p - m.rowStart(r)] = m.col(p);
        }
        return out;
    }

    private static double[] vals(SparseRows m, int r) {
        double[] out = new double[m.rowEnd(r) - m.rowStart(r)];
        for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
            out[p - m.rowStart(r)] = m.value(p);
        }
        return out;
    }

    private static double[] means(SparseRows m) {
        double[] means = new double[m.numRows()];
        for (int r = 0; r < m.numRows(); r++) {
            double[] v = vals(m, r);
            means[r] = v.length == 0 ? 0 : Arrays.stream(v).sum() / v.length;
        }
        return means;
    }
}
