package dev.persona.core.similarity;

import java.util.Arrays;

/**
 * Top-K neighbour lists of every row, in flat primitive arrays: the list of row {@code r} occupies positions
 * {@code start(r) .. end(r)-1}, best first (higher score first; equal scores by lower dense index). A row never
 * lists itself, and a row without any qualifying co-rated pair has an empty list.
 */
public final class NeighborLists {

    private final int[] offsets;
    private final int[] neighbors;
    private final double[] scores;
    private final int[] supports;

    NeighborLists(int[] offsets, int[] neighbors, double[] scores, int[] supports) {
        this.offsets = offsets;
        this.neighbors = neighbors;
        this.scores = scores;
        this.supports = supports;
    }

    /** Number of rows (entities) the lists were computed for. */
    public int rows() {
        return offsets.length - 1;
    }

    /** Total number of neighbours over all rows. */
    public int total() {
        return neighbors.length;
    }

    /** First position of row {@code row}'s list. */
    public int start(int row) {
        return offsets[row];
    }

    /** One past the last position of row {@code row}'s list. */
    public int end(int row) {
        return offsets[row + 1];
    }

    /** Length of row {@code row}'s list. */
    public int size(int row) {
        return offsets[row + 1] - offsets[row];
    }

    /** Dense index of the neighbour at {@code position}. */
    public int neighbor(int position) {
        return neighbors[position];
    }

    /** Score of the neighbour at {@code position}, after shrinkage. */
    public double score(int position) {
        return scores[position];
    }

    /** Number of co-raters behind the score at {@code position}. */
    public int support(int position) {
        return supports[position];
    }

    /** Copy of row {@code row}'s neighbour indices, best first. */
    public int[] neighborsOf(int row) {
        return Arrays.copyOfRange(neighbors, offsets[row], offsets[row + 1]);
    }

    /** Copy of row {@code row}'s scores, best first. */
    public double[] scoresOf(int row) {
        return Arrays.copyOfRange(scores, offsets[row], offsets[row + 1]);
    }

    /** Copy of row {@code row}'s supports, best first. */
    public int[] supportsOf(int row) {
        return Arrays.copyOfRange(supports, offsets[row], offsets[row + 1]);
    }
}
