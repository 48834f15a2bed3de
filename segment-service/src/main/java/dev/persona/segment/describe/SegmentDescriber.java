package dev.persona.segment.describe;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns segment centroids into a short label and a one-sentence description for marketers.
 *
 * <p>For each segment and feature f, the centroid's z-score is {@code z_f = (centroid_f − mean_f) / std_f} (0 when
 * std_f = 0). The drivers are the features with |z_f| ≥ minAbsZ (default 0.5), largest |z| first (ties: lower feature
 * index first), at most maxTerms of them (default 3). Each driver gives a phrase:
 *
 * <pre>
 *   feature                        z &lt; 0                 z &gt; 0
 *   recency_days (or recency)      "bought recently"      "bought long ago"        (fewer days is better)
 *   frequency                      "occasional"           "frequent", "very frequent" when z ≥ 1.5
 *   monetary                       "low spenders"         "high spenders"
 *   any other, e.g. attr:age       "low age"              "high age"
 *   affinity:category=Books        "low affinity for Books" "high affinity for Books"
 * </pre>
 *
 * The label is the phrases joined by ", " with the first letter capitalised, e.g. "High spenders, very frequent,
 * bought recently"; a segment without drivers is "Typical customers". The description is "Customers who" followed by
 * one clause per driver with the segment's and the population's values, e.g. "Customers who spend more (900 against
 * 200 on average) and buy more often (12 purchases against 4 on average)." Known names are matched ignoring case; a
 * prefix "attribute:" (or "attr:") is dropped, a one-hot level "plan=gold" reads "plan gold", and underscores read as
 * spaces.
 *
 * <p>Labels are made unique: segments sharing a label all get the phrase of their next-ranked feature (the largest
 * |z| not yet used, any size above 0) appended; any label still shared is kept by its lowest-index segment and the
 * others get " (2)", " (3)", … in segment order. The result depends only on the inputs.
 */
public final class SegmentDescriber {

    /** The default largest number of features named in a label. */
    public static final int DEFAULT_MAX_TERMS = 3;

    /** The default smallest |z| for a feature to be named. */
    public static final double DEFAULT_MIN_ABS_Z = 0.5;

    /** |z| from which frequency reads "very frequent". */
    public static final double VERY = 1.5;

    static final String TYPICAL = "Typical customers";

    private enum Kind { RECENCY, FREQUENCY, MONETARY, OTHER }

    private final String[] names;
    private final Kind[] kinds;
    private final String[] readable;
    private final double[] mean;
    private final double[] std;
    private final int maxTerms;
    private final double minAbsZ;

    /** With {@link #DEFAULT_MAX_TERMS} and {@link #DEFAULT_MIN_ABS_Z}. */
    public SegmentDescriber(String[] featureNames, double[] populationMean, double[] populationStd) {
        this(featureNames, populationMean, populationStd, DEFAULT_MAX_TERMS, DEFAULT_MIN_ABS_Z);
    }

    /**
     * @param featureNames the feature names, non-blank and distinct
     * @param populationMean the population mean of each feature, finite
     * @param populationStd the population standard deviation of each feature, finite and ≥ 0
     * @param maxTerms the largest number of features named in a label, at least 1
     * @param minAbsZ the smallest |z| for a feature to be named, finite and ≥ 0
     * @throws IllegalArgumentException on any violation
     */
    public SegmentDescriber(String[] featureNames, double[] populationMean, double[] populationStd, int maxTerms,
            double minAbsZ) {
        if (featureNames == null || featureNames.length == 0) {
            throw new IllegalArgumentException("featureNames must hold at least one feature");
        }
        int d = featureNames.length;
        if (populationMean == null || populationMean.length != d) {
            throw new IllegalArgumentException("populationMean must have " + d + " values, got "
                    + (populationMean == null ? "null" : Integer.toString(populationMean.length)));
        }
        if (populationStd == null || populationStd.length != d) {
            throw new IllegalArgumentException("populationStd must have " + d + " values, got "
                    + (populationStd == null ? "null" : Integer.toString(populationStd.length)));
        }
        if (maxTerms < 1) {
            throw new IllegalArgumentException("maxTerms must be at least 1, got " + maxTerms);
        }
        if (!Double.isFinite(minAbsZ) || minAbsZ < 0) {
            throw new IllegalArgumentException("minAbsZ must be finite and >= 0, got " + minAbsZ);
        }
        Set<String> seen = new HashSet<>();
        names = featureNames.clone();
        kinds = new Kind[d];
        readable = new String[d];
        for (int f = 0; f < d; f++) {
            String name = names[f];
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("featureNames[" + f + "] must not be blank");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("featureNames[" + f + "] repeats " + name);
            }
            if (!Double.isFinite(populationMean[f])) {
                throw new IllegalArgumentException("populationMean[" + f + "] must be finite, got "
                        + populationMean[f]);
            }
            if (!Double.isFinite(populationStd[f]) || populationStd[f] < 0) {
                throw new IllegalArgumentException("populationStd[" + f + "] must be finite and >= 0, got "
                        + populationStd[f]);
            }
            kinds[f] = kindOf(name);
            readable[f] = readable(name);
        }
        mean = populationMean.clone();
        std = populationStd.clone();
        this.maxTerms = maxTerms;
        this.minAbsZ = minAbsZ;
    }

    private static Kind kindOf(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        switch (lower) {
            case "recency_days":
            case "recency":
                return Kind.RECENCY;
            case "frequency":
                return Kind.FREQUENCY;
            case "monetary":
                return Kind.MONETARY;
            default:
                return Kind.OTHER;
        }
    }

    private static String readable(String name) {
        String s = name.trim();
        if (s.regionMatches(true, 0, "attribute:", 0, 10)) {
            s = s.substring(10);
        } else if (s.regionMatches(true, 0, "attr:", 0, 5)) {
            s = s.substring(5);
        } else if (s.regionMatches(true, 0, "affinity:", 0, 9)) {
            String target = s.substring(9);
            int eq = target.indexOf('=');
            s = "affinity for " + (eq >= 0 ? target.substring(eq + 1) : target);
        }
        return s.replace('_', ' ').replace('=', ' ');
    }

    /** The z-scores of one centroid, in feature order. */
    public double[] zScores(double[] centroid) {
        if (centroid == null || centroid.length != names.length) {
            throw new IllegalArgumentException("a centroid must have " + names.length + " values, got "
                    + (centroid == null ? "null" : Integer.toString(centroid.length)));
        }
        double[] z = new double[names.length];
        for (int f = 0; f < z.length; f++) {
            if (!Double.isFinite(centroid[f])) {
                throw new IllegalArgumentException("centroid value of " + names[f] + " must be finite, got "
                        + centroid[f]);
            }
            z[f] = std[f] > 0 ? (centroid[f] - mean[f]) / std[f] : 0;
        }
        return z;
    }

    /**
     * Describes every segment; centroids[s] holds segment s's centroid in the original units, in feature order.
     *
     * @throws IllegalArgumentException if centroids is null or empty, or a centroid has the wrong length or a
     *     non-finite value
     */
    public List<SegmentDescription> describe(double[][] centroids) {
        if (centroids == null || centroids.length == 0) {
            throw new IllegalArgumentException("centroids must hold at least one segment");
        }
        int k = centroids.length;
        double[][] z = new double[k][];
        int[][] ranked = new int[k][];
        int[] driverCount = new int[k];
        String[] labels = new String[k];
        for (int s = 0; s < k; s++) {
            z[s] = zScores(centroids[s]);
            ranked[s] = rank(z[s]);
            int count = 0;
            while (count < ranked[s].length && count < maxTerms && Math.abs(z[s][ranked[s][count]]) >= minAbsZ
                    && z[s][ranked[s][count]] != 0) {
                count++;
            }
            driverCount[s] = count;
            labels[s] = label(z[s], ranked[s], count);
        }
        // Shared labels: append each member's next-ranked feature.
        Map<String, Integer> counts = new HashMap<>();
        for (String label : labels) {
            counts.merge(label, 1, Integer::sum);
        }
        String[] extended = labels.clone();
        for (int s = 0; s < k; s++) {
            if (counts.get(labels[s]) > 1 && driverCount[s] < ranked[s].length) {
                int f = ranked[s][driverCount[s]];
                if (z[s][f] != 0) {
                    extended[s] = labels[s] + ", " + phrase(f, z[s][f]);
                }
            }
        }
        // Still shared: number the later ones.
        Set<String> taken = new HashSet<>();
        for (String label : extended) {
            taken.add(label);
        }
        Set<String> kept = new HashSet<>();
        for (int s = 0; s < k; s++) {
            if (kept.add(extended[s])) {
                continue;
            }
            int number = 2;
            String candidate = extended[s] + " (" + number + ")";
            while (taken.contains(candidate)) {
                number++;
                candidate = extended[s] + " (" + number + ")";
            }
            taken.add(candidate);
            kept.add(candidate);
            extended[s] = candidate;
        }
        List<SegmentDescription> out = new ArrayList<>(k);
        for (int s = 0; s < k; s++) {
            List<String> drivers = new ArrayList<>();
            for (int t = 0; t < driverCount[s]; t++) {
                drivers.add(names[ranked[s][t]]);
            }
            out.add(new SegmentDescription(s, extended[s], sentence(centroids[s], z[s], ranked[s], driverCount[s]),
                    drivers));
        }
        return out;
    }

    /** Feature indices by |z| descending, ties by index. */
    private static int[] rank(double[] z) {
        Integer[] order = new Integer[z.length];
        for (int f = 0; f < z.length; f++) {
            order[f] = f;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Double.compare(Math.abs(z[b]), Math.abs(z[a]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[z.length];
        for (int f = 0; f < z.length; f++) {
            out[f] = order[f];
        }
        return out;
    }

    private String label(double[] z, int[] ranked, int count) {
        if (count == 0) {
            return TYPICAL;
        }
        StringBuilder b = new StringBuilder();
        for (int t = 0; t < count; t++) {
            if (t > 0) {
                b.append(", ");
            }
            int f = ranked[t];
            b.append(phrase(f, z[f]));
        }
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    /**
     * Words for the other built-in features: label below average, label above, clause below, clause above, and the
     * unit after the value in a clause (may be empty).
     */
    private static final Map<String, String[]> WORDS = Map.of(
            "avg_amount", new String[] {"small baskets", "big baskets", "spend less per purchase",
                "spend more per purchase", ""},
            "tenure_days", new String[] {"new customers", "long-standing customers", "joined more recently",
                "have been customers longer", " days"},
            "purchases_90d", new String[] {"few purchases lately", "many purchases lately",
                "bought less in the last 90 days", "bought more in the last 90 days", " purchases"},
            "purchases_180d", new String[] {"few purchases this half-year", "many purchases this half-year",
                "bought less in the last 180 days", "bought more in the last 180 days", " purchases"},
            "events", new String[] {"less engaged", "highly engaged", "interact less", "interact more", " events"},
            "mean_rating", new String[] {"harsh raters", "generous raters", "rate lower", "rate higher", ""});

    private String phrase(int f, double z) {
        switch (kinds[f]) {
            case RECENCY:
                return z < 0 ? "bought recently" : "bought long ago";
            case FREQUENCY:
                return z < 0 ? "occasional" : z >= VERY ? "very frequent" : "frequent";
            case MONETARY:
                return z < 0 ? "low spenders" : "high spenders";
            default:
                String[] words = WORDS.get(names[f].trim().toLowerCase(Locale.ROOT));
                if (words != null) {
                    return z < 0 ? words[0] : words[1];
                }
                return (z < 0 ? "low " : "high ") + readable[f];
        }
    }

    private String sentence(double[] centroid, double[] z, int[] ranked, int count) {
        if (count == 0) {
            return "Customers close to the average on every feature.";
        }
        StringBuilder b = new StringBuilder("Customers who ");
        for (int t = 0; t < count; t++) {
            if (t > 0) {
                b.append(t == count - 1 ? " and " : ", ");
            }
            int f = ranked[t];
            b.append(clause(f, z[f], centroid[f]));
        }
        return b.append('.').toString();
    }

    private String clause(int f, double z, double value) {
        String v = number(value);
        String m = number(mean[f]);
        switch (kinds[f]) {
            case RECENCY:
                return (z < 0 ? "bought recently" : "last bought long ago") + " (last purchase " + v
                        + " days ago against " + m + " on average)";
            case FREQUENCY:
                return "buy " + (z < 0 ? "less" : "more") + " often (" + v + " purchases against " + m
                        + " on average)";
            case MONETARY:
                return "spend " + (z < 0 ? "less" : "more") + " (" + v + " against " + m + " on average)";
            default:
                String[] words = WORDS.get(names[f].trim().toLowerCase(Locale.ROOT));
                if (words != null) {
                    return (z < 0 ? words[2] : words[3]) + " (" + v + words[4] + " against " + m + " on average)";
                }
                return "have " + (z < 0 ? "lower " : "higher ") + readable[f] + " (" + v + " against " + m
                        + " on average)";
        }
    }

    /** At most two decimals, no trailing zeros, no exponent: 40, 3.5, 0.13. */
    static String number(double x) {
        BigDecimal d = BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        if (d.signum() == 0) {
            return "0";
        }
        return d.toPlainString();
    }
}
