package dev.persona.recommend.content;

/**
 * The {@code n} best (score, item) candidates, on two primitive arrays: a binary min-heap with the worst kept
 * candidate at the root, so that once it is full most candidates are turned away by one comparison
 * ({@link #admits}) before anything else is asked about them. "Better" is higher score, then lower item index; item
 * indices follow item ids, so ties go to the smaller id and the result does not depend on the offering order. One
 * instance per call: not thread-safe.
 */
final class TopItems {

    private final int capacity;
    private final double[] scores;
    private final int[] items;
    private int size;

    /** @param capacity at most this many kept; the arrays are allocated at once, so pass min(n, candidates) */
    TopItems(int capacity) {
        this.capacity = capacity;
        this.scores = new double[capacity];
        this.items = new int[capacity];
    }

    /** Whether {@code (score, item)} would be kept if offered now. */
    boolean admits(double score, int item) {
        return size < capacity || worse(scores[0], items[0], score, item);
    }

    /** Keeps the candidate if it is among the best so far; call only when {@link #admits} said so. */
    void offer(double score, int item) {
        if (size < capacity) {
            int hole = size++;
            while (hole > 0) {
                int parent = (hole - 1) >>> 1;
                if (!worse(score, item, scores[parent], items[parent])) {
                    break;
                }
                scores[hole] = scores[parent];
                items[hole] = items[parent];
                hole = parent;
            }
            scores[hole] = score;
            items[hole] = item;
        } else {
            siftDownFromRoot(score, item, size);
        }
    }

    /**
     * Empties the heap into {@code outItems}/{@code outScores}, best first, and returns how many there were.
     * Repeatedly moves the root (the worst) to the end of the shrinking heap.
     */
    int drainBestFirst(int[] outItems, double[] outScores) {
        int count = size;
        for (int end = size - 1; end >= 0; end--) {
            outItems[end] = items[0];
            outScores[end] = scores[0];
            siftDownFromRoot(scores[end], items[end], end);
        }
        size = 0;
        return count;
    }

    /** Puts the candidate at the root of the heap in positions 0..limit-1 and restores the heap order. */
    private void siftDownFromRoot(double score, int item, int limit) {
        int hole = 0;
        while (true) {
            int child = 2 * hole + 1;
            if (child >= limit) {
                break;
            }
            if (child + 1 < limit && worse(scores[child + 1], items[child + 1], scores[child], items[child])) {
                child++;
            }
            if (!worse(scores[child], items[child], score, item)) {
                break;
            }
            scores[hole] = scores[child];
            items[hole] = items[child];
            hole = child;
        }
        if (limit > 0) {
            scores[hole] = score;
            items[hole] = item;
        }
    }

    private static boolean worse(double scoreA, int itemA, double scoreB, int itemB) {
        return scoreA < scoreB || (scoreA == scoreB && itemA > itemB);
    }
}
