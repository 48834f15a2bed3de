package dev.persona.core.similarity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.core.similarity.DenseReference.Neighbor;
import dev.persona.core.similarity.RandomInteractions.Weights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The kernel against a brute-force dense computation on seeded random sparse logs. */
class NeighborKernelParityTest {

    private static final long SEED = 20_240_611L;
    private static final int USERS = 120;
    private static final int ITEMS = 90;
    private static final int INTERACTIONS = 1_500;
    private static final int K = 7;
    private static final double TOLERANCE = 1e-9;

    enum Side { ITEM, USER }

    static Stream<Arguments> everyVariant() {
        List<Arguments> cases = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            for (double shrinkage : new double[] {0, 2.5}) {
                for (int minSupport : new int[] {1, 3}) {
                    for (Weights weights : Weights.values()) {
                        for (Side side : Side.values()) {
                            for (int threads : new int[] {1, 3}) {
                                cases.add(Arguments.of(metric, shrinkage, minSupport, weights, side, threads));
                            }
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} shrinkage={1} minSupport={2} weights={3} {4}-{4} threads={5}")
    @MethodSource("everyVariant")
    void listsMatchDenseReference(Metric metric, double shrinkage, int minSupport, Weights weights, Side side,
                                  int threads) {
        RandomInteractions log = RandomInteractions.generate(SEED, USERS, ITEMS, INTERACTIONS, weights);
        NeighborParams params = new NeighborParams(metric, K, minSupport, shrinkage);
        NeighborKernel kernel = new NeighborKernel(threads);
        NeighborLists actual = side == Side.ITEM
                ? kernel.itemNeighbors(log.matrix(), params)
                : kernel.userNeighbors(log.matrix(), params);
        DenseReference reference = side == Side.ITEM ? DenseReference.items(log) : DenseReference.users(log);

        List<List<Neighbor>> expected = reference.neighbors(params);
        assertEquals(reference.rows(), actual.rows());
        for (int row = 0; row < reference.rows(); row++) {
            List<Neighbor> want = expected.get(row);
            assertArrayEquals(want.stream().mapToInt(Neighbor::index).toArray(), actual.neighborsOf(row),
                    "neighbours of row " + row);
            assertArrayEquals(want.stream().mapToInt(Neighbor::support).toArray(), actual.supportsOf(row),
                    "supports of row " + row);
            assertArrayEquals(want.stream().mapToDouble(Neighbor::score).toArray(), actual.scoresOf(row), TOLERANCE,
                    "scores of row " + row);
        }
    }

    @ParameterizedTest(name = "{0} weights")
    @EnumSource(value = Weights.class, names = {"INTEGER", "REAL"})
    void pearsonMatchesTheTwoPassTextbookFormula(Weights weights) {
        RandomInteractions log = RandomInteractions.generate(SEED, USERS, ITEMS, INTERACTIONS, weights);
        DenseReference reference = DenseReference.items(log);
        NeighborLists actual = new NeighborKernel(2).itemNeighbors(log.matrix(),
                NeighborParams.of(Metric.PEARSON, ITEMS));

        int compared = 0;
        for (int a = 0; a < ITEMS; a++) {
            double[] listed = new double[ITEMS];
            Arrays.fill(listed, Double.NaN);
            for (int p = actual.start(a); p < actual.end(a); p++) {
                listed[actual.neighbor(p)] = actual.score(p);
            }
            for (int b = 0; b < ITEMS; b++) {
                double textbook = a == b || reference.coRaters(a, b) == 0
                        ? Double.NaN : reference.textbookPearson(a, b);
                if (Double.isNaN(textbook)) {
                    assertTrue(Double.isNaN(listed[b]), "undefined pair (" + a + ", " + b + ") must not be listed");
                } else {
                    assertEquals(textbook, listed[b], TOLERANCE, "pair (" + a + ", " + b + ")");
                    compared++;
                }
            }
        }
        assertTrue(compared > 1_000, "too few defined pairs to mean anything: " + compared);
    }

    @Test
    void everyThreadCountGivesIdenticalLists() {
        RandomInteractions log = RandomInteractions.generate(SEED + 1, 600, 400, 12_000, Weights.REAL);
        InteractionMatrix matrix = log.matrix();
        for (Metric metric : Metric.values()) {
            NeighborParams params = NeighborParams.of(metric, 20).withShrinkage(1.5);
            NeighborLists one = new NeighborKernel(1).itemNeighbors(matrix, params);
            for (int threads = 2; threads <= 5; threads++) {
                NeighborLists many = new NeighborKernel(threads).itemNeighbors(matrix, params);
                for (int row = 0; row < one.rows(); row++) {
                    assertArrayEquals(one.neighborsOf(row), many.neighborsOf(row), metric + " row " + row);
                    assertArrayEquals(one.scoresOf(row), many.scoresOf(row), 0.0, metric + " row " + row);
                    assertArrayEquals(one.supportsOf(row), many.supportsOf(row), metric + " row " + row);
                }
            }
        }
    }

    /**
     * The parity cases only prove something if the random log drives both of the kernel's ways to find touched rows
     * (listing first touches, or scanning every later row's counter; see RowScorer#scanAll) and has rows with no
     * later co-rater at all.
     */
    @Test
    void randomLogDrivesBothAccumulationStrategies() {
        SparseRows items = RandomInteractions.generate(SEED, USERS, ITEMS, INTERACTIONS, Weights.INTEGER).matrix()
                .byItem();
        SparseRows users = items.transpose();
        int scanning = 0;
        int listing = 0;
        int idle = 0;
        for (int i = 0; i < items.numRows(); i++) {
            long updates = 0;
            for (int p = items.rowStart(i); p < items.rowEnd(i); p++) {
                int u = items.col(p);
                for (int q = users.rowStart(u); q < users.rowEnd(u); q++) {
                    updates += users.col(q) > i ? 1 : 0;
                }
            }
            if (updates == 0) {
                idle++;
            } else if (updates >= items.numRows() - i - 1) {
                scanning++;
            } else {
                listing++;
            }
        }
        assertTrue(scanning > 5 && listing > 5 && idle >= 2,
                "scanning rows: " + scanning + ", listing rows: " + listing + ", idle rows: " + idle);
    }
}
