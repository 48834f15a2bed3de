package dev.persona.recommend.popular;

import dev.persona.recommend.ranking.Scored;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Items of a {@link PopularitySnapshot} sorted once, best first: by a primary score descending, then by the
 * event-weighted count descending, then by item id ascending (a strict total order, so results are deterministic).
 * The order is computed when the snapshot is taken, so a top-N query walks it from the start and stops after
 * {@code n} allowed items: O(n + items rejected before them), with no sort per call. Reported scores are the
 * primary score times a positive factor (1 for POPULAR, {@code 2^((ref − now)/h)} for TRENDING), which does not
 * change the order. Immutable; the arrays it reads are never written after the snapshot is built, so it is safe to
 * share between threads.
 */
public final class Ranking {

    private final String[] ids;
    private final Map<String, Integer> index;
    private final double[] primary;
    private final double[] weighted;
    /** Indices into the arrays above, best first. */
    private final int[] order;
    private final double scale;

    private Ranking(String[] ids, Map<String, Integer> index, double[] primary, double[] weighted, int[] order,
                    double scale) {
        this.ids = ids;
        this.index = index;
        this.primary = primary;
        this.weighted = weighted;
        this.order = order;
        this.scale = scale;
    }

    /** Every item of the arrays, sorted (a stable bottom-up merge sort on the int indices: O(I log I)). */
    static Ranking sorted(String[] ids, Map<String, Integer> index, double[] primary, double[] weighted) {
        Ranking unsorted = new Ranking(ids, index, primary, weighted, new int[ids.length], 1);
        int[] order = unsorted.order;
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        unsorted.mergeSort();
        return unsorted;
    }

    /** The same order with scores reported times {@code factor} (> 0). */
    Ranking scaled(double factor) {
        return new Ranking(ids, index, primary, weighted, order, factor);
    }

    /** The items of {@code members}, which must already be a subsequence of this ranking's order. */
    Ranking subset(int[] members) {
        return new Ranking(ids, index, primary, weighted, members, scale);
    }

    /** The array indices of the items, best first; shared, never to be written. */
    int[] order() {
        return order;
    }

    /**
     * The {@code n} best items that {@code allowed} accepts, best first; fewer when fewer are allowed.
     * {@code allowed} is asked about items in rank order until {@code n} are accepted.
     */
    public List<Scored> top(int n, Predicate<String> allowed) {
        if (n <= 0) {
            return List.of();
        }
        List<Scored> out = new ArrayList<>(Math.min(n, order.length));
        for (int p = 0; p < order.length && out.size() < n; p++) {
            int x = order[p];
            if (allowed.test(ids[x])) {
                out.add(Scored.of(ids[x], primary[x] * scale));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The item's score; 0 when it is not in this ranking. */
    public double score(String itemId) {
        return rank(itemId) > 0 ? primary[index.get(itemId)] * scale : 0;
    }

    /** The item's 1-based rank; 0 when it is not in this ranking. O(log size) (binary search on the order). */
    public int rank(String itemId) {
        Integer boxed = index.get(itemId);
        if (boxed == null) {
            return 0;
        }
        int x = boxed;
        int lo = 0;
        int hi = order.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(order[mid], x);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid + 1;
            }
        }
        return 0;
    }

    /** Number of items in this ranking. */
    public int size() {
        return order.length;
    }

    /** Negative when item a ranks before item b. */
    private int compare(int a, int b) {
        int c = Double.compare(primary[b], primary[a]);
        if (c != 0) {
            return c;
        }
        c = Double.compare(weighted[b], weighted[a]);
        if (c != 0) {
            return c;
        }
        return ids[a].compareTo(ids[b]);
    }

    private void mergeSort() {
        int n = order.length;
        int[] from = order;
        int[] to = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                for (int k = lo; k < hi; k++) {
                    to[k] = a < mid && (b >= hi || compare(from[a], from[b]) <= 0) ? from[a++] : from[b++];
                }
            }
            int[] swap = from;
            from = to;
            to = swap;
        }
        if (from != order) {
            System.arraycopy(from, 0, order, 0, n);
        }
    }
}
