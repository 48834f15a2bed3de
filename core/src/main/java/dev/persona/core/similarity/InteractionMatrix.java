package dev.persona.core.similarity;

/**
 * A user×item interaction matrix held twice: by user (CSR, row = user, columns = items) and by item (its transpose,
 * row = item, columns = users; the CSC form of the same matrix). Both orientations are kept because item-item
 * similarity walks items through their users and user-user similarity walks users through their items.
 *
 * <p>Each stored entry is one (user, item) pair that occurred in the log; its value is the merged weight of the
 * pair's interactions (see {@link DuplicatePolicy}), or 1 for a binary matrix. An entry stays stored even if its
 * weights add up to 0: the pair still counts as co-rated and for JACCARD.
 */
public final class InteractionMatrix {

    private final SparseRows byUser;
    private final SparseRows byItem;

    private InteractionMatrix(SparseRows byUser) {
        this.byUser = byUser;
        this.byItem = byUser.transpose();
    }

    /**
     * Builds the matrix from the first {@code count} interactions given as parallel arrays of dense user index, dense
     * item index and weight. Weights must be at most {@link SparseRows#MAX_WEIGHT} in magnitude (so that squares and
     * sums of squares stay finite); the arrays are not retained.
     *
     * @param duplicates how repeated (user, item) pairs merge; {@link DuplicatePolicy#SUM} adds their weights
     * @param binary     whether every stored value becomes 1 (after merging), whatever the weights
     */
    public static InteractionMatrix fromTriples(int numUsers, int numItems, int[] users, int[] items, double[] weights,
                                                int count, DuplicatePolicy duplicates, boolean binary) {
        return new InteractionMatrix(
                SparseRows.fromTriples(numUsers, numItems, users, items, weights, count, duplicates, binary));
    }

    public int numUsers() {
        return byUser.numRows;
    }

    public int numItems() {
        return byUser.numCols;
    }

    /** Number of distinct (user, item) pairs. */
    public int nnz() {
        return byUser.nnz();
    }

    /** Rows are users, columns items. */
    public SparseRows byUser() {
        return byUser;
    }

    /** Rows are items, columns users. */
    public SparseRows byItem() {
        return byItem;
    }
}
