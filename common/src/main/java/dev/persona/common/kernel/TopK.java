package dev.persona.common.kernel;

import java.util.Arrays;

/**
 * Exact top-K selection over (score, index, support) candidates on primitive arrays: a binary heap of at most K
 * entries with the worst kept at the root, so that most candidates are rejected by one comparison. "Better" is a
 * strict total order (higher score, then lower index), so the kept set does not depend on the offering order. The
 * arrays grow on demand up to K, so a row with few neighbours costs little.
 */
final class TopK {

    private static final int FIRST_ALLOCATION = 8;

    private final int capacity;
    private double[] scores = new double[0];
    private int[] indices = new int[0];
    private int[] supports = new int[0];
    private int size;

    TopK(int capacity) {
        this.capacity = capacity;
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == capacity;
    }

    /** The score a candidate must at least reach to enter, once full. */
    double worstScore() {
        return scores[0];
    }

    void offer(int index, double score, int support) {
        if (size < capacity) {
            if (size == scores.length) {
                grow();
            }
            int hole = size++;
            while (hole > 0) {
                int parent = (hole - 1) >>> 1;
                if (!worse(score, index, scores[parent], indices[parent])) {
                    break;
                }
                move(parent, hole);
                hole = parent;
            }
            put(hole, index, score, support);
        } else if (worse(scores[0], indices[0], score, index)) {
            siftDown(index, score, support, size);
        }
    }

    /** Sorts the kept entries best first, in place (heap sort); read them with the accessors afterwards. */
    void sortBestFirst() {
        for (int end = size - 1; end > 0; end--) {
            int index = indices[end];
            double score = scores[end];
            int support = supports[end];
            move(0, end);
            siftDown(index, score, support, end);
        }
    }

    int index(int rank) {
        return indices[rank];
    }

    double score(int rank) {
        return scores[rank];
    }

    int support(int rank) {
        return supports[rank];
    }

    private void grow() {
        int length = Math.min(capacity, Math.max(FIRST_ALLOCATION, 2 * scores.length));
        scores = Arrays.copyOf(scores, length);
        indices = Arrays.copyOf(indices, length);
        supports = Arrays.copyOf(supports, length);
    }

    /** Places an entry at the root of the heap held in positions 0..limit-1 and restores the heap order. */
    private void siftDown(int index, double score, int support, int limit) {
        int hole = 0;
        while (true) {
            int child = 2 * hole + 1;
            if (child >= limit) {
                break;
            }
            if (child + 1 < limit && worse(scores[child + 1], indices[child + 1], scores[child], indices[child])) {
                child++;
            }
            if (!worse(scores[child], indices[child], score, index)) {
                break;
            }
            move(child, hole);
            hole = child;
        }
        put(hole, index, score, support);
    }

    private static boolean worse(double scoreA, int indexA, double scoreB, int indexB) {
        return scoreA < scoreB || (scoreA == scoreB && indexA > indexB);
    }

    private void move(int from, int to) {
        scores[to] = scores[from];
        indices[to] = indices[from];
        supports[to] = supports[from];
    }

    private void put(int at, int index, double score, int support) {
        scores[at] = score;
        indices[at] = index;
        supports[at] = support;
    }
}
