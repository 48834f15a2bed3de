package dev.persona.core.similarity;

import java.util.Arrays;

/**
 * An immutable sparse matrix in compressed sparse row (CSR) form: the entries of row {@code r} sit at positions
 * {@code rowPtr[r] .. rowPtr[r+1]-1} of {@code colIdx} and {@code values}, in ascending column order, one entry per
 * (row, column). The arrays are package-private so that the kernels read them without indirection; nothing writes
 * them after construction.
 */
public final class SparseRows {

    /** Largest accepted weight magnitude: squares and sums of squares of weights must stay finite. */
    public static final double MAX_WEIGHT = 1e100;

    final int numRows;
    final int numCols;
    final int[] rowPtr;
    final int[] colIdx;
    final double[] values;

    SparseRows(int numRows, int numCols, int[] rowPtr, int[] colIdx, double[] values) {
        this.numRows = numRows;
        this.numCols = numCols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
    }

    /**
     * Builds a matrix from the first {@code count} triples (rowOf[e], colOf[e], weight[e]). Two stable counting sorts
     * (by column, then by row) order the entries by (row, column) while keeping input order among duplicates, which
     * are then merged by {@code duplicates}; with {@code binary} every stored value becomes 1. Time O(count + rows +
     * columns).
     */
    static SparseRows fromTriples(int numRows, int numCols, int[] rowOf, int[] colOf, double[] weight, int count,
                                  DuplicatePolicy duplicates, boolean binary) {
        checkTriples(numRows, numCols, rowOf, colOf, weight, count);
        int[] order = stableOrder(rowOf, numRows, stableOrder(colOf, numCols, null, count), count);
        int[] rowPtr = new int[numRows + 1];
        int[] cols = new int[count];
        double[] vals = new double[count];
        int stored = 0;
        int prevRow = -1;
        int prevCol = -1;
        for (int k = 0; k < count; k++) {
            int e = order[k];
            int r = rowOf[e];
            int c = colOf[e];
            if (r == prevRow && c == prevCol) {
                vals[stored - 1] = duplicates == DuplicatePolicy.SUM ? vals[stored - 1] + weight[e] : weight[e];
            } else {
                cols[stored] = c;
                vals[stored] = weight[e];
                stored++;
                rowPtr[r + 1]++;
                prevRow = r;
                prevCol = c;
            }
        }
        for (int r = 0; r < numRows; r++) {
            rowPtr[r + 1] += rowPtr[r];
        }
        if (binary) {
            Arrays.fill(vals, 1.0);
        }
        return new SparseRows(numRows, numCols, rowPtr, Arrays.copyOf(cols, stored), Arrays.copyOf(vals, stored));
    }

    /** The transpose, also in CSR form: row {@code c} lists the rows of this matrix that have column {@code c}. */
    public SparseRows transpose() {
        int[] ptr = new int[numCols + 1];
        for (int p = 0; p < colIdx.length; p++) {
            ptr[colIdx[p] + 1]++;
        }
        for (int c = 0; c < numCols; c++) {
            ptr[c + 1] += ptr[c];
        }
        int[] next = Arrays.copyOf(ptr, numCols);
        int[] tCols = new int[colIdx.length];
        double[] tVals = new double[colIdx.length];
        for (int r = 0; r < numRows; r++) {
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                int q = next[colIdx[p]]++;
                tCols[q] = r;
                tVals[q] = values[p];
            }
        }
        return new SparseRows(numCols, numRows, ptr, tCols, tVals);
    }

    /** The same pattern with other values (same length, position for position). */
    SparseRows withValues(double[] newValues) {
        return new SparseRows(numRows, numCols, rowPtr, colIdx, newValues);
    }

    public int numRows() {
        return numRows;
    }

    public int numCols() {
        return numCols;
    }

    /** Number of stored entries. */
    public int nnz() {
        return colIdx.length;
    }

    /** First position of row {@code r}. */
    public int rowStart(int r) {
        return rowPtr[r];
    }

    /** One past the last position of row {@code r}. */
    public int rowEnd(int r) {
        return rowPtr[r + 1];
    }

    /** Column of the entry at {@code position}. */
    public int col(int position) {
        return colIdx[position];
    }

    /** Value of the entry at {@code position}. */
    public double value(int position) {
        return values[position];
    }

    /** Whether every stored value is exactly 1, so that dot products are co-occurrence counts. */
    boolean isBinary() {
        for (double v : values) {
            if (v != 1.0) {
                return false;
            }
        }
        return true;
    }

    private static void checkTriples(int numRows, int numCols, int[] rowOf, int[] colOf, double[] weight, int count) {
        if (numRows < 0 || numCols < 0) {
            throw new IllegalArgumentException("dimensions must not be negative: " + numRows + " x " + numCols);
        }
        if (count < 0 || count > rowOf.length || count > colOf.length || count > weight.length) {
            throw new IllegalArgumentException("count " + count + " exceeds the triple arrays");
        }
        for (int e = 0; e < count; e++) {
            if (rowOf[e] < 0 || rowOf[e] >= numRows || colOf[e] < 0 || colOf[e] >= numCols) {
                throw new IllegalArgumentException("triple " + e + " (" + rowOf[e] + ", " + colOf[e]
                        + ") is outside " + numRows + " x " + numCols);
            }
            if (!(Math.abs(weight[e]) <= MAX_WEIGHT)) {
                throw new IllegalArgumentException("triple " + e + " has weight " + weight[e] + ", outside ±"
                        + MAX_WEIGHT);
            }
        }
    }

    /** Entry numbers ordered by key, stable with respect to {@code previous} (or to input order when null). */
    private static int[] stableOrder(int[] key, int numKeys, int[] previous, int count) {
        int[] start = new int[numKeys + 1];
        for (int e = 0; e < count; e++) {
            start[key[e] + 1]++;
        }
        for (int k = 0; k < numKeys; k++) {
            start[k + 1] += start[k];
        }
        int[] order = new int[count];
        for (int k = 0; k < count; k++) {
            int e = previous == null ? k : previous[k];
            order[start[key[e]]++] = e;
        }
        return order;
    }
}
