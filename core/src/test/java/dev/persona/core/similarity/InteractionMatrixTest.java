package dev.persona.core.similarity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InteractionMatrixTest {

    private static int[] cols(SparseRows m, int row) {
        int[] cols = new int[m.rowEnd(row) - m.rowStart(row)];
        for (int p = m.rowStart(row); p < m.rowEnd(row); p++) {
            cols[p - m.rowStart(row)] = m.col(p);
        }
        return cols;
    }

    private static double[] values(SparseRows m, int row) {
        double[] values = new double[m.rowEnd(row) - m.rowStart(row)];
        for (int p = m.rowStart(row); p < m.rowEnd(row); p++) {
            values[p - m.rowStart(row)] = m.value(p);
        }
        return values;
    }

    private static InteractionMatrix sample(DuplicatePolicy duplicates, boolean binary) {
        // (user, item, weight) in arrival order; (0, 2) occurs twice.
        int[] users = {1, 0, 0, 1, 0};
        int[] items = {0, 2, 1, 2, 2};
        double[] weights = {4, 1.5, 3, 2, 2.5};
        return InteractionMatrix.fromTriples(3, 3, users, items, weights, 5, duplicates, binary);
    }

    @Test
    void rowsAreSortedByColumnAndDuplicatesAreSummed() {
        InteractionMatrix m = sample(DuplicatePolicy.SUM, false);
        assertEquals(4, m.nnz());
        assertArrayEquals(new int[] {1, 2}, cols(m.byUser(), 0));
        assertArrayEquals(new double[] {3, 4}, values(m.byUser(), 0));
        assertArrayEquals(new int[] {0, 2}, cols(m.byUser(), 1));
        assertArrayEquals(new double[] {4, 2}, values(m.byUser(), 1));
        assertArrayEquals(new int[0], cols(m.byUser(), 2));
    }

    @Test
    void lastPolicyKeepsTheLatestWeight() {
        InteractionMatrix m = sample(DuplicatePolicy.LAST, false);
        assertArrayEquals(new double[] {3, 2.5}, values(m.byUser(), 0));
    }

    @Test
    void binaryStoresOneForEveryPair() {
        InteractionMatrix m = sample(DuplicatePolicy.SUM, true);
        assertArrayEquals(new double[] {1, 1}, values(m.byUser(), 0));
        assertArrayEquals(new double[] {1, 1}, values(m.byUser(), 1));
    }

    @Test
    void byItemIsTheTranspose() {
        InteractionMatrix m = sample(DuplicatePolicy.SUM, false);
        SparseRows byItem = m.byItem();
        assertEquals(3, byItem.numRows());
        assertEquals(3, byItem.numCols());
        assertArrayEquals(new int[] {1}, cols(byItem, 0));
        assertArrayEquals(new int[] {0}, cols(byItem, 1));
        assertArrayEquals(new int[] {0, 1}, cols(byItem, 2));
        assertArrayEquals(new double[] {4, 2}, values(byItem, 2));
    }

    @Test
    void pairsWhoseWeightsCancelStayStored() {
        InteractionMatrix m = InteractionMatrix.fromTriples(1, 1, new int[] {0, 0}, new int[] {0, 0},
                new double[] {1, -1}, 2, DuplicatePolicy.SUM, false);
        assertEquals(1, m.nnz());
        assertEquals(0.0, m.byUser().value(0));
    }

    @Test
    void builderMapsIdsInFirstSeenOrder() {
        InteractionMatrixBuilder builder = new InteractionMatrixBuilder()
                .add("zoe", "m42", 1).add("adam", "m7", 2).add("zoe", "m7", 3).add("zoe", "m42", 1);
        InteractionMatrix m = builder.build();
        assertEquals(0, builder.users().indexOf("zoe"));
        assertEquals(1, builder.users().indexOf("adam"));
        assertEquals("m7", builder.items().id(1));
        assertEquals(4, builder.interactions());
        assertEquals(3, m.nnz());
        assertArrayEquals(new double[] {2, 3}, values(m.byUser(), 0));
    }

    @Test
    void badTriplesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> InteractionMatrix.fromTriples(2, 2, new int[] {2},
                new int[] {0}, new double[] {1}, 1, DuplicatePolicy.SUM, false));
        assertThrows(IllegalArgumentException.class, () -> InteractionMatrix.fromTriples(2, 2, new int[] {0},
                new int[] {-1}, new double[] {1}, 1, DuplicatePolicy.SUM, false));
        assertThrows(IllegalArgumentException.class, () -> InteractionMatrix.fromTriples(2, 2, new int[] {0},
                new int[] {0}, new double[] {Double.NaN}, 1, DuplicatePolicy.SUM, false));
        assertThrows(IllegalArgumentException.class, () -> InteractionMatrix.fromTriples(2, 2, new int[] {0},
                new int[] {0}, new double[] {1}, 2, DuplicatePolicy.SUM, false));
        assertThrows(IllegalArgumentException.class, () -> InteractionMatrix.fromTriples(2, 2, new int[] {0},
                new int[] {0}, new double[] {1e200}, 1, DuplicatePolicy.SUM, false));
        assertThrows(IllegalArgumentException.class, () -> new InteractionMatrixBuilder().add("u", "i",
                Double.POSITIVE_INFINITY));
    }
}
