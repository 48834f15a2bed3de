package dev.persona.common.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
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
}
