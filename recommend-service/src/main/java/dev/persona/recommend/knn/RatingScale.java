package dev.persona.recommend.knn;

/** The range predicted ratings are clipped to. */
public record RatingScale(double min, double max) {

    /** 0.5 to 5 stars. */
    public static final RatingScale DEFAULT = new RatingScale(0.5, 5);

    public RatingScale {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min >= max) {
            throw new IllegalArgumentException("rating scale needs finite min < max, got " + min + " to " + max);
        }
    }

    /** {@code rating} moved into [min, max]. */
    public double clip(double rating) {
        return Math.max(min, Math.min(max, rating));
    }
}
