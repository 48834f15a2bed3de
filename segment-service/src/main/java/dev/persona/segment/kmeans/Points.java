package dev.persona.segment.kmeans;

/**
 * A dense, row-major matrix of {@code n} points with {@code d} coordinates each: coordinate c of point i is
 * {@code data[i * d + c]}. Every value must be finite. The array is shared, not copied; callers must not change it
 * while a computation reads it.
 */
public final class Points {

    final double[] data;
    final int n;
    final int d;

    private Points(double[] data, int n, int d) {
        this.data = data;
        this.n = n;
        this.d = d;
    }

    /**
     * Wraps {@code data} as {@code n} rows of {@code d} columns.
     *
     * @throws IllegalArgumentException if n or d is below 1, the length is not n × d, or a value is NaN or infinite
     */
    public static Points of(double[] data, int n, int d) {
        if (data == null) {
            throw new IllegalArgumentException("points must not be null");
        }
        if (n < 1) {
            throw new IllegalArgumentException("n (number of points) must be at least 1, got " + n);
        }
        if (d < 1) {
            throw new IllegalArgumentException("d (number of dimensions) must be at least 1, got " + d);
        }
        if ((long) n * d != data.length) {
            throw new IllegalArgumentException(
                    "points length must be n × d = " + n + " × " + d + " = " + (long) n * d + ", got " + data.length);
        }
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException("points must be finite: point " + (i / d) + ", column " + (i % d)
                        + " is " + data[i]);
            }
        }
        return new Points(data, n, d);
    }

    /** Number of points (rows). */
    public int n() {
        return n;
    }

    /** Number of dimensions (columns). */
    public int d() {
        return d;
    }

    /** Coordinate {@code c} of point {@code i}. */
    public double get(int i, int c) {
        return data[i * d + c];
    }

    /** The backing row-major array (not a copy). */
    public double[] data() {
        return data;
    }

    /** Squared Euclidean distance between point {@code i} and the row {@code j} of {@code centres} (row-major, d wide). */
    static double dist2(double[] x, int xOff, double[] c, int cOff, int d) {
        double s = 0;
        for (int t = 0; t < d; t++) {
            double diff = x[xOff + t] - c[cOff + t];
            s += diff * diff;
        }
        return s;
    }
}
