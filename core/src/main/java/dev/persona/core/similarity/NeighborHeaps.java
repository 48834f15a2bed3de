package dev.persona.core.similarity;

import dev.persona.core.topk.TopK;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Every row's top-K, filled concurrently: each scored pair is offered to both of its rows by whichever thread scored
 * it. Each row's {@link TopK} is guarded by its own monitor; a per-row floor (the worst kept score once the row is
 * full) lets most offers be rejected without locking. Floors only rise, so a stale read merely lets a candidate
 * through to the exact check under the lock. Since a heap keeps the best K under a strict total order, the final
 * lists do not depend on the order in which threads offered.
 */
final class NeighborHeaps {

    private static final VarHandle FLOOR = MethodHandles.arrayElementVarHandle(double[].class);

    private final TopK[] heaps;
    private final double[] floors;

    NeighborHeaps(int rows, int capacity) {
        heaps = new TopK[rows];
        floors = new double[rows];
        for (int r = 0; r < rows; r++) {
            heaps[r] = new TopK(capacity);
            floors[r] = Double.NEGATIVE_INFINITY;
        }
    }

    /** A score below which no candidate can enter {@code row}'s list (it only rises). */
    double floor(int row) {
        return (double) FLOOR.getOpaque(floors, row);
    }

    void offer(int row, int neighbor, double score, int support) {
        if (score < floor(row)) {
            return;
        }
        TopK heap = heaps[row];
        synchronized (heap) {
            heap.offer(neighbor, score, support);
            raiseFloor(row, heap);
        }
    }

    /** Offers every entry of {@code candidates} to {@code row}, under one lock. */
    void offerAll(int row, TopK candidates) {
        TopK heap = heaps[row];
        synchronized (heap) {
            for (int r = 0; r < candidates.size(); r++) {
                heap.offer(candidates.index(r), candidates.score(r), candidates.support(r));
            }
            raiseFloor(row, heap);
        }
    }

    /** The lists, best first, in flat arrays; call once every thread has finished offering. */
    NeighborLists assemble() {
        int rows = heaps.length;
        int[] offsets = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            offsets[r + 1] = offsets[r] + heaps[r].size();
        }
        int total = offsets[rows];
        int[] neighbors = new int[total];
        double[] scores = new double[total];
        int[] supports = new int[total];
        for (int r = 0; r < rows; r++) {
            TopK heap = heaps[r];
            heap.sortBestFirst();
            for (int rank = 0, p = offsets[r]; rank < heap.size(); rank++, p++) {
                neighbors[p] = heap.index(rank);
                scores[p] = heap.score(rank);
                supports[p] = heap.support(rank);
            }
        }
        return new NeighborLists(offsets, neighbors, scores, supports);
    }

    private void raiseFloor(int row, TopK heap) {
        if (heap.isFull()) {
            FLOOR.setOpaque(floors, row, heap.worstScore());
        }
    }
}
