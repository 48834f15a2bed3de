package dev.persona.recommend.model;

/** Small dense vector kernels on slices of flat arrays (written so that the JIT unrolls or vectorises them). */
final class Dense {

    private Dense() {
    }

    /** Σ a[aOff + t]·b[bOff + t] for t < n, in four interleaved partial sums (a fixed order: deterministic). */
    static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < n; t += 4) {
            s0 += a[aOff + t] * b[bOff + t];
            s1 += a[aOff + t + 1] * b[bOff + t + 1];
            s2 += a[aOff + t + 2] * b[bOff + t + 2];
            s3 += a[aOff + t + 3] * b[bOff + t + 3];
        }
        for (; t < n; t++) {
            s0 += a[aOff + t] * b[bOff + t];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The same on float arrays, summed in double. */
    static double dot(float[] a, int aOff, float[] b, int bOff, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < n; t += 4) {
            s0 += a[aOff + t] * b[bOff + t];
            s1 += a[aOff + t + 1] * b[bOff + t + 1];
            s2 += a[aOff + t + 2] * b[bOff + t + 2];
            s3 += a[aOff + t + 3] * b[bOff + t + 3];
        }
        for (; t < n; t++) {
            s0 += a[aOff + t] * b[bOff + t];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** y[yOff + t] += s·x[xOff + t] for t < n. */
    static void axpy(double s, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int t = 0; t < n; t++) {
            y[yOff + t] += s * x[xOff + t];
        }
    }

    /** y[yOff + t] += s·x[xOff + t] for t < n. */
    static void axpy(float s, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int t = 0; t < n; t++) {
            y[yOff + t] += s * x[xOff + t];
        }
    }

    /** A copy of a double array in single precision. */
    static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** Mirrors the lower triangle of an n × n row-major matrix onto its upper triangle. */
    static void symmetrise(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                a[j * n + i] = a[i * n + j];
            }
        }
    }

    /** The lower triangle of Mᵀ·M for an rows × k row-major M (the upper triangle is not written). */
    static void gramLower(double[] m, int rows, int k, double[] out) {
        java.util.Arrays.fill(out, 0, k * k, 0);
        for (int r = 0; r < rows; r++) {
            int off = r * k;
            for (int a = 0; a < k; a++) {
                double x = m[off + a];
                if (x != 0) {
                    axpy(x, m, off, out, a * k, a + 1);
                }
            }
        }
    }
}
