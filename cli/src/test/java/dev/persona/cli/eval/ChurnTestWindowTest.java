package dev.persona.cli.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.core.metrics.ClassificationMetrics;
import org.junit.jupiter.api.Test;

/**
 * The test-window figures of eval churn retail, from core's ClassificationMetrics and Roc through the command's
 * {@link ChurnRetailEvalCommand.Tested} and {@link Predictors#roc(String, boolean[], double[])}: the argument order
 * at the call site, what core's own tests do not already pin, and the cases core refuses (one class, no row).
 */
class ChurnTestWindowTest {

    private static ChurnRetailEvalCommand.Tested tested(double[] probability, boolean[] label) {
        return ChurnRetailEvalCommand.Tested.of(null, label, probability, 0, 0, Double.NaN);
    }

    @Test
    void aucCountsPairsRankedRightWithTiesAsOneHalf() {
        // Positives 0.8, 0.4, 0.4; negatives 0.4, 0.1. Pairs: (0.8 vs both) 2, (0.4 vs 0.4) ½ twice, (0.4 vs 0.1) 2.
        ChurnRetailEvalCommand.Tested scores = tested(new double[] {0.8, 0.4, 0.4, 0.4, 0.1},
                new boolean[] {true, true, true, false, false});
        assertEquals(5.0 / 6, scores.auc(), 1e-12);
        assertEquals(0.6, scores.positiveRate(), 1e-12);
        assertEquals(5, scores.size());
        assertTrue(scores.hasBothClasses());
    }

    @Test
    void logLossClipsAndAverages() {
        ChurnRetailEvalCommand.Tested scores = tested(new double[] {0.8, 0.3, 1.0}, new boolean[] {true, false, false});
        double expected = -(Math.log(0.8) + Math.log(0.7) + Math.log(1 - (1 - ClassificationMetrics.EPS))) / 3;
        assertEquals(expected, scores.logLoss(), 1e-9);
    }

    @Test
    void rocGoesFromTheOriginToOneOnePointPerDistinctScore() {
        Charts.Series roc = Predictors.roc("model", new boolean[] {true, true, false, false},
                new double[] {0.8, 0.4, 0.4, 0.1});
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, roc.x());
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, roc.y());
    }

    @Test
    void oneClassHasNoAucAndNoCurveAndNoRowHasNoFigures() {
        ChurnRetailEvalCommand.Tested oneClass = tested(new double[] {0.5, 0.7}, new boolean[] {true, true});
        assertTrue(Double.isNaN(oneClass.auc()));
        assertFalse(oneClass.hasBothClasses());
        assertFalse(oneClass.pass());
        ChurnRetailEvalCommand.Tested none = tested(new double[0], new boolean[0]);
        assertTrue(Double.isNaN(none.auc()));
        assertTrue(Double.isNaN(none.logLoss()));
        assertTrue(Double.isNaN(none.positiveRate()));
        assertFalse(none.hasBothClasses());
    }
}
