package dev.persona.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RocTest {

    @Test
    void curveByHand() {
        boolean[] y = {true, false, true, false, true};
        double[] s = {0.9, 0.8, 0.8, 0.3, 0.1};
        List<Roc.Point> roc = Roc.curve(y, s);
        // thresholds: above 0.9, 0.9, 0.8 (a tie: one of each), 0.3, 0.1
        assertEquals(5, roc.size());
        assertEquals(new Roc.Point(0, 0, Math.nextUp(0.9)), roc.get(0));
        assertEquals(new Roc.Point(0, 1 / 3.0, 0.9), roc.get(1));
        assertEquals(new Roc.Point(0.5, 2 / 3.0, 0.8), roc.get(2));
        assertEquals(new Roc.Point(1, 2 / 3.0, 0.3), roc.get(3));
        assertEquals(new Roc.Point(1, 1, 0.1), roc.get(4));
        // the trapezoid area equals the rank AUC
        double area = 0;
        for (int i = 1; i < roc.size(); i++) {
            area += (roc.get(i).falsePositiveRate() - roc.get(i - 1).falsePositiveRate())
                    * (roc.get(i).truePositiveRate() + roc.get(i - 1).truePositiveRate()) / 2;
        }
        assertEquals(ClassificationMetrics.auc(y, s), area, 1e-12);
    }

    @Test
    void thinnedToAtMostTheLimitKeepingBothEnds() {
        Random random = new Random(1);
        int n = 5_000;
        boolean[] y = new boolean[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextDouble() < 0.3;
            s[i] = random.nextDouble() + (y[i] ? 0.3 : 0);
        }
        List<Roc.Point> full = Roc.curve(y, s);
        List<Roc.Point> thin = Roc.curve(y, s, 200);
        assertTrue(full.size() > 1_000);
        assertTrue(thin.size() <= 200 && thin.size() >= 150, "points: " + thin.size());
        assertEquals(full.get(0), thin.get(0));
        assertEquals(full.get(full.size() - 1), thin.get(thin.size() - 1));
        for (int i = 1; i < thin.size(); i++) {
            assertTrue(thin.get(i).falsePositiveRate() >= thin.get(i - 1).falsePositiveRate());
            assertTrue(thin.get(i).truePositiveRate() >= thin.get(i - 1).truePositiveRate());
            assertTrue(thin.get(i).threshold() < thin.get(i - 1).threshold());
        }
        assertEquals(List.of(full.get(0), full.get(full.size() - 1)), Roc.curve(y, s, 2));
    }

    @Test
    void needsBothClasses() {
        assertThrows(IllegalArgumentException.class, () -> Roc.curve(new boolean[] {true, true}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Roc.curve(new boolean[] {true}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> Roc.curve(new boolean[] {true, false}, new double[] {1, 2}, 1));
    }
}
