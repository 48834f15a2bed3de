package dev.persona.segment.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    private static boolean[] labels(int n, int positives) {
        boolean[] y = new boolean[n];
        for (int i = 0; i < positives; i++) {
            y[(i * 7) % n] = true;
        }
        return y;
    }

    @Test
    void foldsKeepRatioAndCoverEveryRowOnce() {
        boolean[] y = labels(103, 31);
        int k = 5;
        int[][] folds = CrossValidation.stratifiedFolds(y, k, 42);
        int[] seen = new int[y.length];
        for (int[] fold : folds) {
            int pos = 0;
            for (int r : fold) {
                seen[r]++;
                if (y[r]) {
                    pos++;
                }
            }
            assertTrue(fold.length == 20 || fold.length == 21, "fold size " + fold.length);
            assertTrue(Math.abs(pos - 31.0 / k) < 1, "positives " + pos);
            int[] sorted = fold.clone();
            Arrays.sort(sorted);
            assertArrayEquals(sorted, fold);
        }
        for (int c : seen) {
            assertEquals(1, c);
        }
    }

    @Test
    void sameSeedSameFoldsOtherSeedOtherFolds() {
        boolean[] y = labels(60, 20);
        assertTrue(Arrays.deepEquals(CrossValidation.stratifiedFolds(y, 4, 7), CrossValidation.stratifiedFolds(y, 4, 7)));
        assertFalse(Arrays.deepEquals(CrossValidation.stratifiedFolds(y, 4, 7), CrossValidation.stratifiedFolds(y, 4, 8)));
    }

    @Test
    void rejectsBadK() {
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.stratifiedFolds(new boolean[3], 1, 0));
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.stratifiedFolds(new boolean[3], 4, 0));
    }

    @Test
    void runScoresEveryFoldWithAFreshModel() {
        boolean[] y = labels(40, 20);
        double[] x = new double[40];
        for (int i = 0; i < 40; i++) {
            x[i] = y[i] ? 1 : 0;
        }
        Dataset data = Dataset.builder(y).numeric("x", x).build();
        // a "model" that echoes the feature: perfect on every fold
        ModelFactory echo = (d, train) -> (dd, row) -> dd.numeric(0)[row];
        CrossValidation.Result result = CrossValidation.run(data, echo, 4, 1);
        assertEquals(4, result.folds().size());
        assertEquals(40, result.mean().n());
        assertEquals(1.0, result.mean().auc(), 1e-12);
        assertEquals(1.0, result.mean().accuracy(), 1e-12);
        CrossValidation.Result again = CrossValidation.run(data, echo, 4, 1);
        assertEquals(result, again);
    }
}
