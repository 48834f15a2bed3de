package dev.persona.core.topk;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Exact bounded top-K selection over (score, index, support) candidates on primitive arrays: a binary heap of at most
 * K entries with the worst kept at the root, so that once it is full most candidates are turned away by one
 * comparison. "Better" is a strict total order: the higher score, then, among equal scores, the tie order (by default
 * the lower index), so the kept set does not depend on the order of the offers. NaN scores are never kept by
 * {@link #select}. The arrays grow on demand up to K, so a row with few candidates costs little. One instance per
 * thread (or per lock): not thread-safe.
 *
 * <p>Used by the similarity kernel (one heap per row), the trained models' item ranking and the content strategy.
 */
public final class TopK {

    /** The order among equal scores: whether index a comes before (is better than) index b. */
    @FunctionalInterface
    public interface Ties {
        boolean before(int a, int b);
    }

    private static final int FIRST_ALLOCATION = 8;

    private final int capacity;
    /** Null for the default order, the lower index first (kept apart so the hot comparison is a plain one). */
    private final Ties ties;
    private double[] scores = new double[0];
    private int[] indices = new int[0];
    private int[] supports = new int[0];
    private int size;

    /** A heap of at most {@code capacity} entries; equal scores keep the lower index. */
    public TopK(int capacity) {
        this(capacity, null);
    }

    /** A heap of at most {@code capacity} entries; equal scores ordered by {@code ties} (null: lower index first). */
    public TopK(int capacity, Ties ties) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be 0 or more, got " + capacity);
        }
        this.capacity = capacity;
        this.ties = ties;
    }

    /**
     * The indices of the {@code k} highest scores, best first (ties: lower index first), skipping the indices in
     * {@code exclude} (any order, out-of-range entries ignored; null for none) and NaN scores.
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
        return select(scores, k, null, i -> !skip[i]);
    }

    /**
     * The indices of the {@code k} highest scores that {@code admit} accepts, best first, equal scores ordered by
     * {@code ties} (null: lower index first); NaN scores are never selected. {@code admit} is asked only about an
     * index that would enter the best k found so far, so an expensive check (a filter over ids) runs a few times per
     * k, not once per item.
     */
    public static int[] select(float[] scores, int k, Ties ties, IntPredicate admit) {
        int capacity = Math.max(0, Math.min(k, scores.length));
        if (capacity == 0) {
            return new int[0];
        }
        TopK top = new TopK(capacity, ties);
        top.allocate(capacity);
        // Once full, most scores are turned away by one comparison with the worst kept, held in locals.
        boolean full = false;
        double worst = 0;
        int worstIndex = 0;
        for (int i = 0; i < scores.length; i++) {
            float score = scores[i];
            if (Float.isNaN(score) || (full && (score < worst || (score == worst && !top.before(i, worstIndex))))
                    || !admit.test(i)) {
                continue;
            }
            top.offer(i, score, 0);
            if (top.size == capacity) {
                full = true;
                worst = top.scores[0];
                worstIndex = top.indices[0];
            }
        }
        top.sortBestFirst();
        return Arrays.copyOf(top.indices, top.size);
    }

    /** Forgets every entry, keeping the arrays. */
    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == capacity;
    }

    /** The score a candidate must at least reach to enter, once full. */
    public double worstScore() {
        return scores[0];
    }

    /** Whether {@code (score, index)} would be kept if offered now. */
    public boolean admits(double score, int index) {
        return size < capacity || (capacity > 0 && worse(scores[0], indices[0], score, index));
    }

    /** Keeps the candidate if it is among the best so far. */
    public void offer(int index, double score, int support) {
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
        } else if (capacity > 0 && worse(scores[0], indices[0], score, index)) {
            siftDown(index, score, support, size);
        }
    }

    /** Keeps the candidate (support 0) if it is among the best so far. */
    public void offer(int index, double score) {
        offer(index, score, 0);
    }

    /**
     * Sorts the kept entries best first, in place (heap sort); read them with {@link #index}, {@link #score} and
     * {@link #support} afterwards, and {@link #clear} before offering again.
     */
    public void sortBestFirst() {
        for (int end = size - 1; end > 0; end--) {
            int index = indices[end];
            double score = scores[end];
            int support = supports[end];
            move(0, end);
            siftDown(index, score, support, end);
        }
    }

    /** The index at {@code rank} (0 = best) after {@link #sortBestFirst}. */
    public int index(int rank) {
        return indices[rank];
    }

    public double score(int rank) {
        return scores[rank];
    }

    public int support(int rank) {
        return supports[rank];
    }

    private void grow() {
        allocate(Math.min(capacity, Math.max(FIRST_ALLOCATION, 2 * scores.length)));
    }

    private void allocate(int length) {
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

    /** Whether (scoreA, indexA) ranks after (scoreB, indexB). */
    private boolean worse(double scoreA, int indexA, double scoreB, int indexB) {
        return scoreA < scoreB || (scoreA == scoreB && (ties == null ? indexA > indexB : ties.before(indexB, indexA)));
    }

    /** Whether index a comes before index b among equal scores. */
    private boolean before(int a, int b) {
        return ties == null ? a < b : ties.before(a, b);
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
