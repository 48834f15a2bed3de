package dev.persona.core.metrics;

/**
 * Errors of predicted ratings against held-out ones: RMSE = √(Σ e² / n) and MAE = Σ |e| / n with e = predicted −
 * actual, over the predictions added. The one implementation used by the service's offline evaluation, the CLI's
 * rating evaluation and the quality checks. Not thread-safe.
 */
public final class RatingErrors {

    private double squared;
    private double absolute;
    private long count;

    /** Adds one prediction (already clipped to the rating scale, if the caller clips) and the true rating. */
    public void add(double predicted, double actual) {
        double e = predicted - actual;
        squared += e * e;
        absolute += Math.abs(e);
        count++;
    }

    public long count() {
        return count;
    }

    /** The root mean squared error; NaN when nothing was added. */
    public double rmse() {
        return count == 0 ? Double.NaN : Math.sqrt(squared / count);
    }

    /** The mean absolute error; NaN when nothing was added. */
    public double mae() {
        return count == 0 ? Double.NaN : absolute / count;
    }
}
