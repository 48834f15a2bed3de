package dev.persona.recommend.model;

import java.util.function.IntPredicate;

/** The k best-scored items of a score vector, in one pass with a bounded heap. */
public final class TopK {

    /** The order among equal scores: whether index a comes before index b. */
    @FunctionalInterface
    public interface Ties {
        boolean before(int a, int b);
    }

    private TopK() {
    }

    /**
     * The indices of the {@code k} highest scores, best first (ties: lower index first), skipping the indices in
     * {@code exclude} (any order; null for none) and NaN scores.
     */
    public static int[] select(float[] scores, int k, int[] exclude) {
        boolean[] skip = new boolean[scores.length];
        if (exclude != null) {
            for (int item : exclude) {
                if (item >= 0 && item < scores.length) {
                    skip[item] = true;
                }
            }
        }
        return select(scores, k, (a, b) -> a < b, i -> !skip[i]);
    }

    /**
     * The indices of the {@code k} highest scores that {@code admit} accepts, best first, equal scores ordered by
     * {@code ties}; NaN scores are never selected. {@code admit} is asked only about an index that would enter the
     * best k found so far, so an expensive check (a filter over ids) runs a few times per k, not once per item.
     */
    public static int[] select(float[] scores, int k, Ties ties, IntPredicate admit) {
        k = Math.min(k, scores.length);
        if (k <= 0) {
            return new int[0];
        }
        // A heap of the best k so far: the root is the worst kept.
        int[] heap = new int[k];
        int size = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Float.isNaN(scores[i]) || (size == k && !better(i, heap[0], scores, ties)) || !admit.test(i)) {
                continue;
            }
            if (size < k) {
                heap[size] = i;
                siftUp(heap, size++, scores, ties);
            } else {
                heap[0] = i;
                siftDown(heap, size, scores, ties);
            }
        }
        int[] out = new int[size];
        for (int t = size - 1; t >= 0; t--) {
            out[t] = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, size, scores, ties);
        }
        return out;
    }

    private static boolean better(int a, int b, float[] scores, Ties ties) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && ties.before(a, b));
    }

    private static void siftUp(int[] heap, int pos, float[] scores, Ties ties) {
        int item = heap[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!better(heap[parent], item, scores, ties)) {
                break;
            }
            heap[pos] = heap[parent];
            pos = parent;
        }
        heap[pos] = item;
    }

    private static void siftDown(int[] heap, int size, float[] scores, Ties ties) {
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
            if (child + 1 < size && better(heap[child], heap[child + 1], scores, ties)) {
                child++;
            }
            if (!better(item, heap[child], scores, ties)) {
                break;
            }
            heap[pos] = heap[child];
            pos = child;
        }
        heap[pos] = item;
    }
}
