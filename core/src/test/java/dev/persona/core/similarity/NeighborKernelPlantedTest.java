package dev.persona.core.similarity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.core.similarity.RandomInteractions.Weights;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Small logs with known structure and hand-computed scores. */
class NeighborKernelPlantedTest {

    private static final double EXACT = 1e-12;

    /**
     * Ratings (items i0..i2 over users u0..u2): i0 = (5, 4, ·), i1 = (3, 2, 4), i2 = (·, 5, 1). Co-raters:
     * (i0,i1) = {u0,u1}, (i0,i2) = {u1}, (i1,i2) = {u1,u2}.
     */
    private static InteractionMatrixBuilder threeByThree() {
        return new InteractionMatrixBuilder()
                .add("u0", "i0", 5).add("u0", "i1", 3)
                .add("u1", "i0", 4).add("u1", "i1", 2).add("u1", "i2", 5)
                .add("u2", "i1", 4).add("u2", "i2", 1);
    }

    private static NeighborLists items(InteractionMatrixBuilder log, NeighborParams params) {
        return new NeighborKernel(1).itemNeighbors(log.build(), params);
    }

    private static void assertList(NeighborLists lists, int row, int[] neighbors, double[] scores, int[] supports) {
        assertArrayEquals(neighbors, lists.neighborsOf(row), "neighbours of " + row);
        assertArrayEquals(scores, lists.scoresOf(row), EXACT, "scores of " + row);
        assertArrayEquals(supports, lists.supportsOf(row), "supports of " + row);
    }

    @Test
    void cosineByHand() {
        NeighborLists lists = items(threeByThree(), NeighborParams.of(Metric.COSINE, 10));
        double s01 = 23 / Math.sqrt(41 * 29);
        double s02 = 20 / Math.sqrt(41 * 26);
        double s12 = 14 / Math.sqrt(29 * 26);
        assertList(lists, 0, new int[] {1, 2}, new double[] {s01, s02}, new int[] {2, 1});
        assertList(lists, 1, new int[] {0, 2}, new double[] {s01, s12}, new int[] {2, 2});
        assertList(lists, 2, new int[] {0, 1}, new double[] {s02, s12}, new int[] {1, 2});
    }

    @Test
    void adjustedCosineByHand() {
        // User means 4, 11/3, 5/2; centred: i0 = (1, 1/3, ·), i1 = (-1, -5/3, 3/2), i2 = (·, 4/3, -3/2).
        NeighborLists lists = items(threeByThree(), NeighborParams.of(Metric.ADJUSTED_COSINE, 10));
        double s01 = -28 / Math.sqrt(2170);
        double s02 = 8 / Math.sqrt(1450);
        double s12 = -161 / Math.sqrt(217 * 145);
        assertList(lists, 0, new int[] {2, 1}, new double[] {s02, s01}, new int[] {1, 2});
        assertList(lists, 1, new int[] {0, 2}, new double[] {s01, s12}, new int[] {2, 2});
        assertList(lists, 2, new int[] {0, 1}, new double[] {s02, s12}, new int[] {1, 2});
    }

    @Test
    void pearsonByHandUsesCoRatersOnly() {
        // (i0,i1) over {u0,u1}: (5,4) vs (3,2) → 1; (i1,i2) over {u1,u2}: (2,4) vs (5,1) → -1; (i0,i2): one co-rater.
        NeighborLists lists = items(threeByThree(), NeighborParams.of(Metric.PEARSON, 10));
        assertList(lists, 0, new int[] {1}, new double[] {1}, new int[] {2});
        assertList(lists, 1, new int[] {0, 2}, new double[] {1, -1}, new int[] {2, 2});
        assertList(lists, 2, new int[] {1}, new double[] {-1}, new int[] {2});
    }

    @Test
    void jaccardByHandBreaksTiesByLowerIndex() {
        // Raters: i0 {u0,u1}, i1 {u0,u1,u2}, i2 {u1,u2}; i1 ties i0 and i2 at 2/3.
        NeighborLists lists = items(threeByThree(), NeighborParams.of(Metric.JACCARD, 10));
        assertList(lists, 0, new int[] {1, 2}, new double[] {2.0 / 3, 1.0 / 3}, new int[] {2, 1});
        assertList(lists, 1, new int[] {0, 2}, new double[] {2.0 / 3, 2.0 / 3}, new int[] {2, 2});
        assertList(lists, 2, new int[] {1, 0}, new double[] {2.0 / 3, 1.0 / 3}, new int[] {2, 1});
    }

    @Test
    void shrinkageScalesByCoRaters() {
        NeighborLists lists = items(threeByThree(), NeighborParams.of(Metric.COSINE, 10).withShrinkage(2));
        double s01 = 23 / Math.sqrt(41 * 29) * 2 / (2 + 2);
        double s02 = 20 / Math.sqrt(41 * 26) * 1 / (1 + 2);
        assertList(lists, 0, new int[] {1, 2}, new double[] {s01, s02}, new int[] {2, 1});
    }

    @Test
    void minSupportDropsThinPairs() {
        NeighborLists lists = items(threeByThree(), NeighborParams.of(Metric.COSINE, 10).withMinSupport(2));
        assertArrayEquals(new int[] {1}, lists.neighborsOf(0));
        assertArrayEquals(new int[] {0, 2}, lists.neighborsOf(1));
        assertArrayEquals(new int[] {1}, lists.neighborsOf(2));
    }

    @Test
    void kLargerThanAvailableReturnsWhatExists() {
        NeighborLists lists = items(threeByThree(), NeighborParams.of(Metric.COSINE, 1_000));
        for (int row = 0; row < 3; row++) {
            assertEquals(2, lists.size(row));
        }
        assertEquals(6, lists.total());
    }

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"COSINE", "JACCARD", "PEARSON"})
    void identicalRatersScoreOne(Metric metric) {
        InteractionMatrixBuilder log = new InteractionMatrixBuilder()
                .add("u1", "a", 3).add("u2", "a", 5).add("u3", "a", 1)
                .add("u1", "b", 3).add("u2", "b", 5).add("u3", "b", 1)
                .add("u1", "c", 4).add("u4", "c", 2);
        NeighborLists lists = items(log, NeighborParams.of(metric, 5));
        int a = log.items().indexOf("a");
        int b = log.items().indexOf("b");
        assertEquals(b, lists.neighbor(lists.start(a)));
        assertEquals(1.0, lists.score(lists.start(a)), EXACT);
        assertEquals(3, lists.support(lists.start(a)));
        assertEquals(a, lists.neighbor(lists.start(b)));
        assertEquals(1.0, lists.score(lists.start(b)), EXACT);
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void itemWithoutCoRatersHasAnEmptyListAndIsNobodysNeighbour(Metric metric) {
        InteractionMatrixBuilder log = threeByThree().add("hermit", "lonely", 4);
        NeighborLists lists = items(log, NeighborParams.of(metric, 10));
        int lonely = log.items().indexOf("lonely");
        assertEquals(0, lists.size(lonely));
        for (int p = 0; p < lists.total(); p++) {
            assertTrue(lists.neighbor(p) != lonely);
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void nobodyListsItself(Metric metric) {
        InteractionMatrix matrix = RandomInteractions.generate(7, 80, 60, 900, Weights.INTEGER).matrix();
        NeighborKernel kernel = new NeighborKernel(2);
        for (NeighborLists lists : new NeighborLists[] {
            kernel.itemNeighbors(matrix, NeighborParams.of(metric, 100)),
            kernel.userNeighbors(matrix, NeighborParams.of(metric, 100))}) {
            for (int row = 0; row < lists.rows(); row++) {
                for (int neighbor : lists.neighborsOf(row)) {
                    assertTrue(neighbor != row, metric + ": row " + row + " lists itself");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"COSINE", "JACCARD"})
    void tiesGoToTheLowerDenseIndexWhateverTheThreadCount(Metric metric) {
        // "c" is seen before "b", so it has the lower index: ties follow first-seen order, not names.
        InteractionMatrixBuilder log = new InteractionMatrixBuilder()
                .add("u1", "a", 1).add("u2", "a", 1)
                .add("u1", "c", 1)
                .add("u2", "b", 1);
        int a = log.items().indexOf("a");
        int b = log.items().indexOf("b");
        int c = log.items().indexOf("c");
        for (int threads : new int[] {1, 3}) {
            NeighborLists lists = new NeighborKernel(threads).itemNeighbors(log.build(), NeighborParams.of(metric, 5));
            assertArrayEquals(new int[] {c, b}, lists.neighborsOf(a), metric + " with " + threads + " threads");
            assertEquals(lists.score(lists.start(a)), lists.score(lists.start(a) + 1));
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void scoresAreSymmetric(Metric metric) {
        InteractionMatrix matrix = RandomInteractions.generate(11, 70, 50, 800, Weights.REAL).matrix();
        NeighborLists lists = new NeighborKernel(2).itemNeighbors(matrix, NeighborParams.of(metric, 50));
        double[][] score = new double[50][50];
        for (int row = 0; row < 50; row++) {
            for (int p = lists.start(row); p < lists.end(row); p++) {
                score[row][lists.neighbor(p)] = lists.score(p);
            }
        }
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 50; j++) {
                assertEquals(score[i][j], score[j][i], 0.0, metric + " (" + i + ", " + j + ")");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void userListsAreItemListsOfTheTransposedLog(Metric metric) {
        RandomInteractions log = RandomInteractions.generate(5, 60, 45, 700, Weights.INTEGER);
        InteractionMatrix matrix = log.matrix();
        InteractionMatrix swapped = InteractionMatrix.fromTriples(log.numItems, log.numUsers, log.items, log.users,
                log.weights, log.users.length, DuplicatePolicy.SUM, false);
        NeighborParams params = NeighborParams.of(metric, 8).withShrinkage(1);
        NeighborLists users = new NeighborKernel(2).userNeighbors(matrix, params);
        NeighborLists itemsOfSwapped = new NeighborKernel(2).itemNeighbors(swapped, params);
        for (int row = 0; row < users.rows(); row++) {
            assertArrayEquals(itemsOfSwapped.neighborsOf(row), users.neighborsOf(row));
            assertArrayEquals(itemsOfSwapped.scoresOf(row), users.scoresOf(row), 0.0);
            assertArrayEquals(itemsOfSwapped.supportsOf(row), users.supportsOf(row));
        }
    }

    @Test
    void emptyMatrixGivesEmptyLists() {
        InteractionMatrix empty = InteractionMatrix.fromTriples(3, 0, new int[0], new int[0], new double[0], 0,
                DuplicatePolicy.SUM, false);
        NeighborLists lists = new NeighborKernel(2).userNeighbors(empty, NeighborParams.of(Metric.COSINE, 5));
        assertEquals(3, lists.rows());
        assertEquals(0, lists.total());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void interruptedCallerGetsCancellation(int threads) {
        InteractionMatrix matrix = RandomInteractions.generate(3, 200, 150, 3_000, Weights.INTEGER).matrix();
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class,
                    () -> new NeighborKernel(threads).itemNeighbors(matrix, NeighborParams.of(Metric.COSINE, 10)));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag stays set");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void invalidParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NeighborParams.of(Metric.COSINE, 0));
        assertThrows(IllegalArgumentException.class, () -> NeighborParams.of(Metric.COSINE, 5).withMinSupport(0));
        assertThrows(IllegalArgumentException.class, () -> NeighborParams.of(Metric.COSINE, 5).withShrinkage(-1));
        assertThrows(IllegalArgumentException.class,
                () -> NeighborParams.of(Metric.COSINE, 5).withShrinkage(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> NeighborParams.of(null, 5));
        assertThrows(IllegalArgumentException.class, () -> new NeighborKernel(0));
    }
}
