package dev.persona.segment.grouping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.segment.features.Customer;
import dev.persona.segment.features.CustomerEvent;
import dev.persona.segment.features.FeatureMatrix;
import dev.persona.segment.features.FeatureScaler.Scaling;
import dev.persona.segment.features.FeatureSpec;
import dev.persona.segment.features.FeatureTable;
import dev.persona.segment.grouping.GroupingParams.Method;
import dev.persona.segment.rfm.RfmScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroupingTest {

    static final long DAY = 86_400_000L;
    static final long AS_OF = 1_000 * DAY;
    static final Grouping.Progress QUIET = (phase, done, total, loss) -> { };

    /** Four groups of 50 buyers with distinct purchase counts, recencies and amounts, a little noise. */
    static FeatureTable fourGroups() {
        SplittableRandom rng = new SplittableRandom(3);
        List<Customer> customers = new ArrayList<>();
        List<CustomerEvent> events = new ArrayList<>();
        int[][] groups = {{40, 2, 300}, {3, 400, 10}, {12, 60, 50}, {6, 10, 900}};
        for (int g = 0; g < groups.length; g++) {
            for (int u = 0; u < 50; u++) {
                String id = "g" + g + "-" + u;
                customers.add(Customer.of(id, Map.of()));
                int purchases = groups[g][0];
                for (int p = 0; p < purchases; p++) {
                    long day = 1_000 - groups[g][1] - p;
                    events.add(new CustomerEvent(id, "i", "PURCHASE", groups[g][2] * (0.9 + 0.2 * rng.nextDouble()),
                            day * DAY, null));
                }
            }
        }
        return FeatureTable.build(FeatureSpec.defaults(), customers, events, AS_OF, Set.of());
    }

    static GroupingParams params(Method method, int k) {
        return new GroupingParams(method, k, 2, 8, 11, 5, 300, 2, 1_000_000, 20_000);
    }

    @Test
    void automaticKFindsTheGroupsAndReportsEveryCandidate() {
        FeatureMatrix m = FeatureMatrix.of(fourGroups(), Scaling.LOG1P_ZSCORE);
        List<String> phases = new ArrayList<>();
        Grouped g = Grouping.cluster(m, params(Method.KMEANS, 0), (phase, done, total, loss) -> phases.add(phase));
        assertEquals(4, g.chosenK());
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8), g.candidates().stream().map(Grouped.Candidate::k).toList());
        Grouped.Candidate best = g.candidates().stream().max((a, b) -> Double.compare(a.silhouette(),
                b.silhouette())).orElseThrow();
        assertEquals(4, best.k());
        assertEquals(best.sse(), g.sse(), 1e-9);
        assertTrue(phases.contains("cluster k=8") && phases.contains("silhouette"), phases.toString());
        for (Grouped.Segment s : g.segments()) {
            assertEquals(50, s.size());
        }
        // rows of a group share a segment; ids s1..s4
        for (int group = 0; group < 4; group++) {
            int seg = g.segmentOfRow()[group * 50];
            for (int u = 0; u < 50; u++) {
                assertEquals(seg, g.segmentOfRow()[group * 50 + u]);
            }
        }
        assertEquals(List.of("s1", "s2", "s3", "s4"), g.placement().segmentIds());
    }

    @Test
    void sameSeedSameSegmentsAndWardAgrees() {
        FeatureMatrix m = FeatureMatrix.of(fourGroups(), Scaling.LOG1P_ZSCORE);
        Grouped a = Grouping.cluster(m, params(Method.KMEANS, 4), QUIET);
        Grouped b = Grouping.cluster(m, params(Method.KMEANS, 4), QUIET);
        assertArrayEquals(a.segmentOfRow(), b.segmentOfRow());
        assertEquals(a.sse(), b.sse(), 0);
        assertEquals(a.segments(), b.segments());
        Grouped ward = Grouping.cluster(m, params(Method.HIERARCHICAL, 4), QUIET);
        assertEquals(a.sse(), ward.sse(), 1e-6);
        assertEquals("", ward.note());
    }

    @Test
    void segmentsCarryOriginalUnitsAndReadableLabels() {
        FeatureMatrix m = FeatureMatrix.of(fourGroups(), Scaling.LOG1P_ZSCORE);
        Grouped g = Grouping.cluster(m, params(Method.KMEANS, 4), QUIET);
        Grouped.Segment frequent = g.segments().get(g.segmentOfRow()[0]);
        double freq = frequent.centroid().get("frequency");
        assertEquals(40, freq, 1e-9);
        assertTrue(frequent.label().toLowerCase().contains("frequent"), frequent.label());
        assertTrue(frequent.description().startsWith("Customers who"), frequent.description());
        // A member's own scaled vector is nearest to its own centroid.
        double[] row = m.toRowMajor()[0];
        assertEquals(g.segmentOfRow()[0], (int) Grouping.nearest(g.placement(), row)[0]);
        assertEquals(g.distance()[0], Grouping.nearest(g.placement(), row)[1], 1e-9);
    }

    @Test
    void rfmScoresAndTheirPlacementAgree() {
        FeatureTable t = fourGroups();
        Grouped g = Grouping.rfm(t, QUIET);
        assertEquals(200, g.userIds().size());
        assertEquals(200, g.segments().stream().mapToInt(Grouped.Segment::size).sum());
        double[] r = t.column("recency_days").numeric();
        double[] f = t.column("frequency").numeric();
        for (int i = 0; i < 200; i++) {
            assertEquals(g.segments().get(g.segmentOfRow()[i]).id(), Grouping.rfmSegmentOf(g.placement(), r[i], f[i]));
        }
        assertEquals("champions", Grouping.rfmSegmentOf(g.placement(), 0, 1000));
        assertEquals("lost", Grouping.rfmSegmentOf(g.placement(), 10_000, 1));
    }

    @Test
    void rfmCutsReproduceTheQuintiles() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] v = new double[97];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(20);
        }
        for (boolean lower : new boolean[] {true, false}) {
            int[] q = RfmScores.quintiles(v, lower);
            double[] cuts = RfmScores.cuts(v, lower);
            for (int i = 0; i < v.length; i++) {
                assertEquals(q[i], RfmScores.score(cuts, v[i], lower), "value " + v[i]);
            }
        }
    }

    @Test
    void tooFewUsersForKSaysSo() {
        FeatureMatrix m = FeatureMatrix.of(fourGroups(), Scaling.LOG1P_ZSCORE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Grouping.cluster(m, params(Method.KMEANS, 201), QUIET));
        assertTrue(e.getMessage().contains("fewer than the 201 segments"), e.getMessage());
    }
}
