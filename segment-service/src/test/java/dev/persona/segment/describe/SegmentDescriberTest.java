package dev.persona.segment.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentDescriberTest {

    private static final String[] NAMES = {"recency_days", "frequency", "monetary", "attr:age",
        "affinity:category=Books"};
    private static final double[] MEAN = {40, 4, 200, 38, 0.2};
    private static final double[] STD = {30, 3, 150, 10, 0.2};

    @Test
    void textsOnHandMadeCentroids() {
        double[][] centroids = {
            {5, 12, 900, 40, 0.2}, // z: -1.17, 2.67, 4.67, 0.2, 0
            {160, 2.5, 50, 38, 0.2}, // z: 4, -0.5, -1, 0, 0
            {40, 4, 200, 58, 0.7}, // z: 0, 0, 0, 2, 2.5
            {40, 4, 200, 38, 0.2}, // all at the mean
        };
        List<SegmentDescription> out = new SegmentDescriber(NAMES, MEAN, STD).describe(centroids);
        assertEquals(4, out.size());

        assertEquals(0, out.get(0).segment());
        assertEquals("High spenders, very frequent, bought recently", out.get(0).label());
        assertEquals("Customers who spend more (900 against 200 on average), buy more often (12 purchases against 4"
                + " on average) and bought recently (last purchase 5 days ago against 40 on average).",
                out.get(0).description());
        assertEquals(List.of("monetary", "frequency", "recency_days"), out.get(0).drivers());

        assertEquals("Bought long ago, low spenders, occasional", out.get(1).label());
        assertEquals("Customers who last bought long ago (last purchase 160 days ago against 40 on average), spend"
                + " less (50 against 200 on average) and buy less often (2.5 purchases against 4 on average).",
                out.get(1).description());

        assertEquals("High affinity for Books, high age", out.get(2).label());
        assertEquals("Customers who have higher affinity for Books (0.7 against 0.2 on average) and have higher age"
                + " (58 against 38 on average).", out.get(2).description());
        assertEquals(List.of("affinity:category=Books", "attr:age"), out.get(2).drivers());

        assertEquals("Typical customers", out.get(3).label());
        assertEquals("Customers close to the average on every feature.", out.get(3).description());
        assertEquals(List.of(), out.get(3).drivers());
    }

    @Test
    void frequentWithoutVeryBelowTheThreshold() {
        SegmentDescriber describer = new SegmentDescriber(NAMES, MEAN, STD);
        // frequency z = 1, monetary z = -0.6
        SegmentDescription d = describer.describe(new double[][] {{40, 7, 110, 38, 0.2}}).get(0);
        assertEquals("Frequent, low spenders", d.label());
        assertEquals("Customers who buy more often (7 purchases against 4 on average) and spend less (110 against"
                + " 200 on average).", d.description());
    }

    @Test
    void labelsAreUniqueAcrossSegments() {
        SegmentDescriber describer = new SegmentDescriber(NAMES, MEAN, STD, 2, 0.5);
        double[][] centroids = {
            {40, 10, 560, 30, 0.2}, // monetary 2.4, frequency 2, age -0.8
            {40, 10, 560, 48, 0.2}, // monetary 2.4, frequency 2, age 1
            {40, 10, 560, 48, 0.2}, // identical to the previous one
            {40, 4, 200, 38, 0.2}, // typical
            {40, 4, 200, 38, 0.2}, // typical again
        };
        List<SegmentDescription> out = describer.describe(centroids);
        assertEquals("High spenders, very frequent, low age", out.get(0).label());
        assertEquals("High spenders, very frequent, high age", out.get(1).label());
        assertEquals("High spenders, very frequent, high age (2)", out.get(2).label());
        assertEquals("Typical customers", out.get(3).label());
        assertEquals("Typical customers (2)", out.get(4).label());
        Set<String> labels = new HashSet<>();
        for (SegmentDescription d : out) {
            assertTrue(labels.add(d.label()), "duplicate label " + d.label());
        }
        // The description stays about the drivers.
        assertEquals("Customers who spend more (560 against 200 on average) and buy more often (10 purchases against"
                + " 4 on average).", out.get(0).description());
    }

    @Test
    void deterministicAndZeroStdIgnored() {
        SegmentDescriber describer = new SegmentDescriber(new String[] {"Monetary", "loyalty_points"},
                new double[] {100, 5}, new double[] {50, 0});
        double[][] centroids = {{20, 99}};
        assertEquals(describer.describe(centroids), describer.describe(centroids));
        SegmentDescription d = describer.describe(centroids).get(0);
        assertEquals("Low spenders", d.label());
        assertEquals(0.0, describer.zScores(new double[] {100, 99})[1]);
        SegmentDescription generic = new SegmentDescriber(new String[] {"loyalty_points"}, new double[] {5},
                new double[] {2}).describe(new double[][] {{1}}).get(0);
        assertEquals("Low loyalty points", generic.label());
        assertEquals("Customers who have lower loyalty points (1 against 5 on average).", generic.description());
    }

    @Test
    void numbersAreShort() {
        assertEquals("40", SegmentDescriber.number(40));
        assertEquals("3.5", SegmentDescriber.number(3.5));
        assertEquals("0.13", SegmentDescriber.number(0.125));
        assertEquals("1234567", SegmentDescriber.number(1234567));
        assertEquals("0", SegmentDescriber.number(-0.001));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new SegmentDescriber(new String[0], new double[0],
                new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SegmentDescriber(new String[] {"a", "a"}, new double[2], new double[2]));
        assertTrue(e.getMessage().contains("repeats"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SegmentDescriber(new String[] {"a"}, new double[] {0}, new double[] {-1}));
        assertTrue(e.getMessage().contains("populationStd[0]"), e.getMessage());
        SegmentDescriber describer = new SegmentDescriber(NAMES, MEAN, STD);
        e = assertThrows(IllegalArgumentException.class, () -> describer.describe(new double[][] {{1, 2}}));
        assertTrue(e.getMessage().contains("5 values"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> describer.describe(new double[][] {{1, 2, Double.NaN, 4, 5}}));
        assertThrows(IllegalArgumentException.class, () -> describer.describe(new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> new SegmentDescriber(NAMES, MEAN, STD, 0, 0.5));
    }

    @Test
    void otherBuiltInFeaturesReadAsWords() {
        SegmentDescriber d = new SegmentDescriber(new String[] {"events", "tenure_days", "mean_rating"},
                new double[] {40, 700, 3.5}, new double[] {10, 100, 0.5});
        SegmentDescription s = d.describe(new double[][] {{70, 400, 4.5}}).get(0);
        assertEquals("Highly engaged, new customers, generous raters", s.label());
        assertEquals("Customers who interact more (70 events against 40 on average), joined more recently (400 days "
                + "against 700 on average) and rate higher (4.5 against 3.5 on average).", s.description());
    }
}
