package dev.persona.profile.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives a {@link Profile} from a user's events, as of a clock {@code asOf}. Events after {@code asOf} are
 * ignored.
 *
 * <ul>
 *   <li>RFM (Hughes, "Strategic Database Marketing", 1994): recency = days from the last purchase to
 *       {@code asOf}; frequency = number of purchases; monetary = sum of purchase amounts.</li>
 *   <li>Affinity to a category or tag c: Σ over events e on items carrying c of w(type(e)) · 2^(−age(e)/h),
 *       age = asOf − time(e), h the half-life; a rating counts w(RATING) · rating / ratingMax.</li>
 *   <li>Mean rating: arithmetic mean of the RATING values.</li>
 * </ul>
 */
public final class ProfileCalculator {

    private static final double MICROS_PER_DAY = 86_400_000_000.0;
    private static final int RATING = 5;
    private static final int PURCHASE = 4;

    private final double[] weightByType;
    private final double ratingMax;
    private final double halfLifeMicros;
    private final int maxAffinities;

    /**
     * @param weightByType affinity weight per EventType number (index 0 unused)
     * @param ratingMax top of the rating scale, to scale rating weights
     * @param halfLifeMicros half-life of the decay, microseconds, > 0
     * @param maxAffinities most affinities kept per dimension
     */
    public ProfileCalculator(double[] weightByType, double ratingMax, long halfLifeMicros, int maxAffinities) {
        if (halfLifeMicros <= 0 || ratingMax <= 0 || maxAffinities < 0) {
            throw new IllegalArgumentException("half-life and rating max must be positive, max affinities >= 0");
        }
        this.weightByType = weightByType.clone();
        this.ratingMax = ratingMax;
        this.halfLifeMicros = halfLifeMicros;
        this.maxAffinities = maxAffinities;
    }

    public Profile compute(UserEvents events, long asOfMicros) {
        long[] counts = new long[weightByType.length];
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long lastPurchase = Long.MIN_VALUE;
        long purchases = 0;
        double monetary = 0;
        double ratingSum = 0;
        long ratings = 0;
        Map<String, double[]> categories = new HashMap<>();
        Map<String, double[]> tags = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            long t = events.time(i);
            if (t > asOfMicros) {
                continue;
            }
            int type = events.type(i);
            double value = events.value(i);
            counts[type]++;
            first = Math.min(first, t);
            last = Math.max(last, t);
            if (type == PURCHASE) {
                purchases++;
                monetary += value;
                lastPurchase = Math.max(lastPurchase, t);
            } else if (type == RATING) {
                ratings++;
                ratingSum += value;
            }
            double w = type == RATING ? weightByType[type] * value / ratingMax : weightByType[type];
            if (w == 0) {
                continue;
            }
            double score = w * Math.pow(2, -(asOfMicros - t) / halfLifeMicros);
            String category = events.category(i);
            if (!category.isEmpty()) {
                categories.computeIfAbsent(category, k -> new double[1])[0] += score;
            }
            String[] itemTags = events.tags(i);
            for (int j = 0; j < itemTags.length; j++) {
                if (!seenBefore(itemTags, j)) {
                    tags.computeIfAbsent(itemTags[j], k -> new double[1])[0] += score;
                }
            }
        }
        List<Profile.Affinity> affinities = new ArrayList<>();
        top("category", categories, affinities);
        top("tag", tags, affinities);
        return new Profile(counts,
                first == Long.MAX_VALUE ? Long.MIN_VALUE : first,
                last,
                purchases == 0 ? -1 : (asOfMicros - lastPurchase) / MICROS_PER_DAY,
                purchases,
                monetary,
                affinities,
                ratings == 0 ? 0 : ratingSum / ratings,
                ratings);
    }

    private static boolean seenBefore(String[] tags, int j) {
        for (int k = 0; k < j; k++) {
            if (tags[k].equals(tags[j])) {
                return true;
            }
        }
        return false;
    }

    private void top(String dimension, Map<String, double[]> scores, List<Profile.Affinity> out) {
        scores.entrySet().stream()
                .filter(e -> e.getValue()[0] > 0)
                .sorted((a, b) -> {
                    int c = Double.compare(b.getValue()[0], a.getValue()[0]);
                    return c != 0 ? c : a.getKey().compareTo(b.getKey());
                })
                .limit(maxAffinities)
                .forEach(e -> out.add(new Profile.Affinity(dimension, e.getKey(), e.getValue()[0])));
    }
}
