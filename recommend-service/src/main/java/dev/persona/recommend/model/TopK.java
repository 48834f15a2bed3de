package dev.persona.recommend.model;

import java.util.Arrays;

/** The k best-scored items of a score vector. */
public final class TopK {

    private TopK() {
    }

    /**
     * The indices of the {@code k} highest scores, best first (ties: lower index first), skipping the indices in
     * {@code exclude} (any order; null for none) and NaN scores.
     */
    public static int[] select(float[] scores, int k, int[] exclude) {
        int n = scores.length;
        boolean[] skip = null;
        if (exclude != null && exclude.length > 0) {
            skip = new boolean[n];
            for (int item : exclude) {
                if (item >= 0 && item < n) {
                    skip[item] = true;
                }
            }
        }
        k = Math.min(k, n);
        if (k <= 0) {
            return new int[0];
        }
        // A min-heap of the best k so far: the root is the worst kept.
        int[] heap = new int[k];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if ((skip != null && skip[i]) || Float.isNaN(scores[i])) {
                continue;
            }
            if (size < k) {
                heap[size] = i;
                siftUp(heap, size++, scores);
            } else if (better(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, size, scores);
            }
        }
        int[] out = new int[size];
        for (int t = size - 1; t >= 0; t--) {
            out[t] = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, size, scores);
        }
        return out;
    }

    private static boolean better(int a, int b, float[] scores) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
    }

    private static void siftUp(int[] heap, int pos, float[] scores) {
        int item = heap[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!better(heap[parent], item, scores)) {
                break;
            }
            heap[pos] = heap[parent];
            pos = parent;
        }
        heap[pos] = item;
    }

    private static void siftDown(int[] heap, int size, float[] scores) {
        if (size == 0) {
            return;
        }
        int item = heap[0];
        int pos = 0;
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && better(heap[child], heap[child + 1], scores)) {
                child++;
            }
            if (!better(item, heap[child], scores)) {
                break;
            }
            heap[pos] = heap[child];
            pos = child;
        }
        heap[pos] = item;
    }

    /** A copy of {@code items} sorted ascending (for exclusion lists given in any order). */
    static int[] sorted(int[] items) {
        int[] copy = items.clone();
        Arrays.sort(copy);
        return copy;
    }
}
