package dev.persona.segment.kmeans;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Chooses k by silhouette: fits {@link KMeans} for every k in [kMin, kMax] with the same seed, restarts, iteration
 * limit and tolerance, scores each fit with {@link Silhouette}, and picks the k with the highest mean silhouette
 * (ties → the smaller k). SSE is reported alongside for elbow plots. Interrupting the calling thread throws
 * {@link CancellationException}.
 */
public final class AutoK {

    /** One candidate: its k, the fit, and the fit's mean silhouette. */
    public record Candidate(int k, KMeansResult result, double silhouette) {

        public double sse() {
            return result.sse();
        }
    }

    /** Every candidate in increasing k, and the chosen one. */
    public record Result(List<Candidate> candidates, Candidate best) {

        public int bestK() {
            return best.k();
        }
    }

    private final KMeans kMeans;
    private final Silhouette silhouette;

    public AutoK(KMeans kMeans, Silhouette silhouette) {
        if (kMeans == null || silhouette == null) {
            throw new IllegalArgumentException("kMeans and silhouette must not be null");
        }
        this.kMeans = kMeans;
        this.silhouette = silhouette;
    }

    /** {@link KMeans} and {@link Silhouette} (default sample size, seed 0) on {@code threads} threads. */
    public AutoK(int threads) {
        this(new KMeans(threads), new Silhouette(threads));
    }

    /**
     * Fits every k in [kMin, kMax] ({@code params.k()} is ignored).
     *
     * @throws IllegalArgumentException if kMin &lt; 2, kMax &lt; kMin or kMax exceeds the number of points
     */
    public Result choose(Points points, int kMin, int kMax, KMeansParams params) {
        if (kMin < 2) {
            throw new IllegalArgumentException("kMin must be at least 2 (silhouette needs two clusters), got " + kMin);
        }
        if (kMax < kMin) {
            throw new IllegalArgumentException("kMax must be at least kMin = " + kMin + ", got " + kMax);
        }
        if (points == null) {
            throw new IllegalArgumentException("points must not be null");
        }
        if (kMax > points.n) {
            throw new IllegalArgumentException(
                    "kMax must be at most the number of points n = " + points.n + ", got " + kMax);
        }
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;
        for (int k = kMin; k <= kMax; k++) {
            KMeansResult fit = kMeans.fit(points, params.withK(k));
            Candidate c = new Candidate(k, fit, silhouette.mean(points, fit.assignment(), k));
            candidates.add(c);
            if (best == null || c.silhouette() > best.silhouette()) {
                best = c;
            }
        }
        return new Result(List.copyOf(candidates), best);
    }
}
