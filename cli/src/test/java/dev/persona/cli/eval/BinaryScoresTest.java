package dev.persona.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryScoresTest {

    @Test
    void aucCountsPairsRankedRightWithTiesAsOneHalf() {
        // Positives 0.8, 0.4, 0.4; negatives 0.4, 0.1. Pairs: (0.8 vs both) 2, (0.4 vs 0.4) ½ twice, (0.4 vs 0.1) 2.
        BinaryScores scores = new BinaryScores(new double[] {0.8, 0.4, 0.4, 0.4, 0.1},
                new boolean[] {true, true, true, false, false});
        assertEquals(5.0 / 6, scores.auc(), 1e-12);
        assertEquals(0.6, scores.positiveRate(), 1e-12);
    }

    @Test
    void perfectReversedAndConstantScores() {
        boolean[] labels = {false, false, true, true};
        assertEquals(1.0, new BinaryScores(new double[] {0.1, 0.2, 0.3, 0.9}, labels).auc(), 1e-12);
        assertEquals(0.0, new BinaryScores(new double[] {0.9, 0.8, 0.3, 0.1}, labels).auc(), 1e-12);
        assertEquals(0.5, new BinaryScores(new double[] {0.5, 0.5, 0.5, 0.5}, labels).auc(), 1e-12);
        assertTrue(Double.isNaN(new BinaryScores(new double[] {0.5}, new boolean[] {true}).auc()));
    }

    @Test
    void logLossClipsAndAverages() {
        BinaryScores scores = new BinaryScores(new double[] {0.8, 0.3, 1.0}, new boolean[] {true, false, false});
        double expected = -(Math.log(0.8) + Math.log(0.7) + Math.log(1 - (1 - BinaryScores.EPSILON))) / 3;
        assertEquals(expected, scores.logLoss(), 1e-9);
    }

    @Test
    void rocGoesFromTheOriginToOneOnePointPerDistinctScore() {
        BinaryScores scores = new BinaryScores(new double[] {0.8, 0.4, 0.4, 0.1},
                new boolean[] {true, true, false, false});
        List<BinaryScores.Point> roc = scores.roc();
        assertEquals(4, roc.size());
        assertEquals(new BinaryScores.Point(0, 0, Double.POSITIVE_INFINITY), roc.get(0));
        assertEquals(new BinaryScores.Point(0, 0.5, 0.8), roc.get(1));
        assertEquals(new BinaryScores.Point(0.5, 1, 0.4), roc.get(2));
        assertEquals(new BinaryScores.Point(1, 1, 0.1), roc.get(3));
    }
}
