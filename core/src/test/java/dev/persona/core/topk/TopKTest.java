package dev.persona.core.topk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {

    private static int[] kept(TopK top) {
        top.sortBestFirst();
        int[] indices = new int[top.size()];
        for (int r = 0; r < indices.length; r++) {
            indices[r] = top.index(r);
        }
        return indices;
    }

    @Test
    void keepsTheBestBestFirstWithTiesByLowerIndex() {
        TopK top = new TopK(3);
        top.offer(5, 0.5, 1);
        top.offer(9, 0.9, 1);
        top.offer(2, 0.5, 1);
        top.offer(7, 0.1, 1);
        top.offer(1, 0.5, 1);
        assertArrayEquals(new int[] {9, 1, 2}, kept(top));
    }

    @Test
    void offeringOrderDoesNotMatter() {
        Random random = new Random(3);
        double[] scores = new double[200];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = random.nextInt(20) / 20.0;
        }
        TopK forward = new TopK(15);
        TopK backward = new TopK(15);
        for (int i = 0; i < scores.length; i++) {
            forward.offer(i, scores[i], 1);
            backward.offer(scores.length - 1 - i, scores[scores.length - 1 - i], 1);
        }
        assertArrayEquals(kept(forward), kept(backward));
    }

    @Test
    void selectSkipsExcludedAndNaNScoresBestFirst() {
        float[] scores = {0.3f, 0.8f, 0.5f, Float.NaN, 0.9f};
        assertArrayEquals(new int[] {4, 1, 2}, TopK.select(scores, 3, null));
        assertArrayEquals(new int[] {2, 0}, TopK.select(scores, 3, new int[] {4, 1, 99}));
        assertArrayEquals(new int[0], TopK.select(scores, 0, null));
        assertArrayEquals(new int[] {4, 1, 2, 0}, TopK.select(scores, 10, new int[0]));
    }

    @Test
    void selectMatchesAFullSortOnRandomScoresWithManyTies() {
        Random random = new Random(11);
        for (int run = 0; run < 50; run++) {
            float[] scores = new float[1 + random.nextInt(300)];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = random.nextInt(7);
            }
            int k = random.nextInt(40);
            int[] expected = IntStream.range(0, scores.length).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, TopK.select(scores, k, null));
        }
    }

    @Test
    void aCustomTieOrderDecidesAmongEqualScores() {
        float[] scores = {1f, 1f, 1f, 0f};
        // Higher index first among ties.
        assertArrayEquals(new int[] {2, 1}, TopK.select(scores, 2, (a, b) -> a > b, i -> true));
    }

    @Test
    void theAdmissionCheckIsAskedOnlyAboutCandidatesThatWouldEnter() {
        float[] scores = new float[1000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i < 5 ? 100 - i : i % 10;
        }
        AtomicInteger asked = new AtomicInteger();
        int[] top = TopK.select(scores, 5, null, i -> {
            asked.incrementAndGet();
            return i != 1;
        });
        assertArrayEquals(new int[] {0, 2, 3, 4, 9}, top);
        assertTrue(asked.get() < 30, "asked " + asked.get() + " times");
    }

    @Test
    void admitsSaysWhetherAnOfferWouldBeKept() {
        TopK top = new TopK(2);
        assertTrue(top.admits(0.1, 4));
        top.offer(4, 0.1);
        top.offer(3, 0.5);
        assertFalse(top.admits(0.1, 5));
        assertTrue(top.admits(0.1, 2));
        assertFalse(new TopK(0).admits(1, 0));
        top.sortBestFirst();
        assertArrayEquals(new int[] {3, 4}, new int[] {top.index(0), top.index(1)});
        assertTrue(Arrays.equals(new double[] {0.5, 0.1}, new double[] {top.score(0), top.score(1)}));
    }
}
