package dev.persona.segment.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MiniBatchKMeansTest {

    @Test
    void recoversBlobsAndReportsExactSse() {
        Points points = ClusterFixtures.blobs(ClusterFixtures.FOUR_CORNERS, 2, 500, 0.5, 4);
        KMeansResult result = new MiniBatchKMeans(100, 2).fit(points, new KMeansParams(4, 3, 3, 200, 1e-3));
        Set<Integer> labels = new HashSet<>();
        for (int b = 0; b < 4; b++) {
            int label = result.assignment()[b * 500];
            for (int p = 0; p < 500; p++) {
                assertEquals(label, result.assignment()[b * 500 + p]);
            }
            labels.add(label);
            assertEquals(ClusterFixtures.FOUR_CORNERS[2 * b], result.centre(label, 0), 0.3);
        }
        assertEquals(4, labels.size());
        assertEquals(ClusterFixtures.sse(points, result.centres(), result.assignment()), result.sse(), 1e-6);
    }

    @Test
    void deterministicForSeedAndThreads() {
        Points points = ClusterFixtures.uniform(12_000, 3, 8);
        KMeansParams params = new KMeansParams(5, 9, 2, 30, -1);
        KMeansResult a = new MiniBatchKMeans(256, 1).fit(points, params);
        KMeansResult b = new MiniBatchKMeans(256, 3).fit(points, params);
        assertArrayEquals(a.centres(), b.centres());
        assertArrayEquals(a.assignment(), b.assignment());
        assertEquals(a.sse(), b.sse());
        assertEquals(30, a.iterations());
    }

    @Test
    void rejectsInvalidBatchSize() {
        assertThrows(IllegalArgumentException.class, () -> new MiniBatchKMeans(0, 1));
    }
}
