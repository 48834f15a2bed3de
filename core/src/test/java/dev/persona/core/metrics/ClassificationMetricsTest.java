package dev.persona.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    private static final boolean[] Y = {false, false, true, true};

    @Test
    void aucPerfectReversedAndTies() {
        assertEquals(1.0, ClassificationMetrics.auc(Y, new double[] {0.1, 0.2, 0.8, 0.9}), 1e-12);
        assertEquals(0.0, ClassificationMetrics.auc(Y, new double[] {0.9, 0.8, 0.2, 0.1}), 1e-12);
        assertEquals(0.5, ClassificationMetrics.auc(Y, new double[] {0.5, 0.5, 0.5, 0.5}), 1e-12);
        // one positive ties one negative, otherwise perfect: 3 pairs won + ½ = 3.5 of 4
        assertEquals(0.875, ClassificationMetrics.auc(Y, new double[] {0.1, 0.6, 0.6, 0.9}), 1e-12);
        assertTrue(Double.isNaN(ClassificationMetrics.auc(new boolean[] {true, true}, new double[] {0.1, 0.2})));
    }

    @Test
    void logLossByHand() {
        double expected = -(Math.log(0.8) + Math.log(0.6) + Math.log(0.9) + Math.log(0.7)) / 4;
        assertEquals(expected, ClassificationMetrics.logLoss(Y, new double[] {0.2, 0.4, 0.9, 0.7}), 1e-12);
        // clipped: a confident wrong answer costs −ln 1e-15, not infinity
        assertEquals(-Math.log(1e-15), ClassificationMetrics.logLoss(new boolean[] {true}, new double[] {0}), 1e-9);
    }

    @Test
    void thresholdMetrics() {
        // predictions ≥ 0.5: rows 1, 2 → TP = 1 (row 2), FP = 1 (row 1), FN = 1 (row 3), TN = 1
        ClassificationMetrics m = ClassificationMetrics.of(Y, new double[] {0.2, 0.5, 0.9, 0.3});
        assertEquals(4, m.n());
        assertEquals(0.5, m.accuracy(), 1e-12);
        assertEquals(0.5, m.precision(), 1e-12);
        assertEquals(0.5, m.recall(), 1e-12);
        assertEquals(0.5, m.f1(), 1e-12);
        ClassificationMetrics none = ClassificationMetrics.of(Y, new double[] {0.1, 0.1, 0.1, 0.1});
        assertEquals(0, none.precision());
        assertEquals(0, none.f1());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(Y, new double[] {0.1}));
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(Y, new double[] {0.1, 0.2, 1.5, 0.3}));
    }

    @Test
    void meanAveragesFolds() {
        ClassificationMetrics a = new ClassificationMetrics(10, 0.6, 0.5, 0.7, 0.4, 0.2, 0.3);
        ClassificationMetrics b = new ClassificationMetrics(20, 0.8, 0.3, 0.9, 0.6, 0.4, 0.5);
        ClassificationMetrics m = ClassificationMetrics.mean(List.of(a, b));
        assertEquals(30, m.n());
        assertArrayEquals(new double[] {0.7, 0.4, 0.8, 0.5, 0.3, 0.4},
                new double[] {m.auc(), m.logLoss(), m.accuracy(), m.precision(), m.recall(), m.f1()}, 1e-12);
    }
}
