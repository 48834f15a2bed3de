package dev.persona.segment.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AutoKTest {

    @Test
    void picksFourOnFourSeparatedBlobs() {
        Points points = ClusterFixtures.blobs(ClusterFixtures.FOUR_CORNERS, 2, 60, 0.7, 12);
        AutoK.Result result = new AutoK(2).choose(points, 2, 7, new KMeansParams(2, 3, 4, 100, 0));
        assertEquals(4, result.bestK());
        assertEquals(6, result.candidates().size());
        for (int i = 0; i < result.candidates().size(); i++) {
            AutoK.Candidate c = result.candidates().get(i);
            assertEquals(2 + i, c.k());
            assertTrue(c.silhouette() <= result.best().silhouette());
            if (i > 0) {
                assertTrue(c.sse() <= result.candidates().get(i - 1).sse() + 1e-9, "SSE falls with k");
            }
        }
    }

    @Test
    void rejectsBadRange() {
        Points points = Points.of(new double[] {0, 1, 2}, 3, 1);
        AutoK autoK = new AutoK(1);
        KMeansParams params = KMeansParams.of(2, 1);
        assertThrows(IllegalArgumentException.class, () -> autoK.choose(points, 1, 2, params));
        assertThrows(IllegalArgumentException.class, () -> autoK.choose(points, 3, 2, params));
        assertThrows(IllegalArgumentException.class, () -> autoK.choose(points, 2, 4, params));
    }
}
