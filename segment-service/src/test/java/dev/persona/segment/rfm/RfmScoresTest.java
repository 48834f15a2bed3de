package dev.persona.segment.rfm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RfmScoresTest {

    // Ten customers, with ties in every dimension. Scores worked out by hand from
    // score = 1 + floor(5 * (#strictly worse) / 10) = 1 + floor(#strictly worse / 2).
    private static final double[] RECENCY = {10, 3, 365, 20, 1, 20, 45, 3, 90, 20};
    private static final double[] FREQUENCY = {1, 1, 1, 2, 5, 3, 8, 2, 1, 12};
    private static final double[] MONETARY = {50, 20, 20, 100, 400, 100, 800, 20, 10, 1500};

    @Test
    void quintileScoresByHandWithTies() {
        RfmScores scores = RfmScores.compute(RECENCY, FREQUENCY, MONETARY);
        assertEquals(10, scores.size());
        // recency: 1 day has 9 worse -> 5; 3 days: 7 worse -> 4; 10: 6 -> 4; 20 (x3): 3 -> 2; 45: 2 -> 2;
        // 90: 1 -> 1; 365: 0 -> 1
        assertArrayEquals(new int[] {4, 4, 1, 2, 5, 2, 2, 4, 1, 2}, scores.recencyScores());
        // frequency: 1 (x4): 0 below -> 1; 2 (x2): 4 -> 3; 3: 6 -> 4; 5: 7 -> 4; 8: 8 -> 5; 12: 9 -> 5
        assertArrayEquals(new int[] {1, 1, 1, 3, 4, 4, 5, 3, 1, 5}, scores.frequencyScores());
        // monetary: 10: 0 -> 1; 20 (x3): 1 -> 1; 50: 4 -> 3; 100 (x2): 5 -> 3; 400: 7 -> 4; 800: 8 -> 5; 1500: 9 -> 5
        assertArrayEquals(new int[] {3, 1, 1, 3, 4, 3, 5, 1, 1, 5}, scores.monetaryScores());
        assertEquals(413, scores.cell(0));
        assertEquals(544, scores.cell(4));
    }

    @Test
    void namedSegmentsOfTheTenCustomers() {
        RfmScores scores = RfmScores.compute(RECENCY, FREQUENCY, MONETARY);
        RfmSegment[] expected = {
            RfmSegment.PROMISING, RfmSegment.PROMISING, RfmSegment.LOST, RfmSegment.AT_RISK,
            RfmSegment.CHAMPIONS, RfmSegment.AT_RISK, RfmSegment.CANT_LOSE_THEM, RfmSegment.POTENTIAL_LOYALIST,
            RfmSegment.LOST, RfmSegment.CANT_LOSE_THEM
        };
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], scores.segment(i), "customer " + i);
        }
    }

    @Test
    void everyRecencyFrequencyPairMapsToExactlyOneNamedSegment() {
        Set<RfmSegment> used = EnumSet.noneOf(RfmSegment.class);
        int cells = 0;
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                RfmSegment segment = RfmSegment.of(r, f);
                assertTrue(segment != null, "R=" + r + " F=" + f);
                assertEquals(segment, RfmSegment.of(r, f));
                used.add(segment);
                cells++;
            }
        }
        assertEquals(25, cells);
        assertEquals(EnumSet.allOf(RfmSegment.class), used, "every named segment is reachable");
    }

    @Test
    void namedExamplesFromTheGrid() {
        assertEquals("Champions", RfmSegment.of(5, 5).displayName());
        assertEquals("Champions", RfmSegment.of(5, 4).displayName());
        assertEquals("Loyal", RfmSegment.of(4, 5).displayName());
        assertEquals("Loyal", RfmSegment.of(3, 4).displayName());
        assertEquals("Potential loyalist", RfmSegment.of(5, 2).displayName());
        assertEquals("Potential loyalist", RfmSegment.of(4, 3).displayName());
        assertEquals("New customers", RfmSegment.of(5, 1).displayName());
        assertEquals("Promising", RfmSegment.of(4, 1).displayName());
        assertEquals("Need attention", RfmSegment.of(3, 3).displayName());
        assertEquals("About to sleep", RfmSegment.of(3, 2).displayName());
        assertEquals("At risk", RfmSegment.of(2, 4).displayName());
        assertEquals("At risk", RfmSegment.of(1, 3).displayName());
        assertEquals("Can't lose them", RfmSegment.of(1, 5).displayName());
        assertEquals("Hibernating", RfmSegment.of(2, 1).displayName());
        assertEquals("Lost", RfmSegment.of(1, 2).displayName());
    }

    @Test
    void scoresDependOnValuesNotOrderAndUseAllQuintilesWithoutTies() {
        double[] values = new double[25];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 7) % 25; // a permutation of 0..24
        }
        int[] higher = RfmScores.quintiles(values, false);
        int[] lower = RfmScores.quintiles(values, true);
        for (int i = 0; i < values.length; i++) {
            assertEquals(1 + (int) values[i] / 5, higher[i]);
            assertEquals(5 - (int) values[i] / 5, lower[i]);
        }
        assertArrayEquals(new int[] {1, 1, 1}, RfmScores.quintiles(new double[] {4, 4, 4}, false));
        assertArrayEquals(new int[] {1}, RfmScores.quintiles(new double[] {4}, true));
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RfmScores.compute(new double[] {1, 2}, new double[] {1}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("same length"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RfmScores.compute(new double[0], new double[0], new double[0]));
        e = assertThrows(IllegalArgumentException.class,
                () -> RfmScores.compute(new double[] {Double.NaN}, new double[] {1}, new double[] {1}));
        assertTrue(e.getMessage().contains("recencyDays[0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RfmSegment.of(0, 3));
        assertThrows(IllegalArgumentException.class, () -> RfmSegment.of(3, 6));
    }
}
