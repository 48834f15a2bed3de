package dev.persona.segment.features;

import dev.persona.segment.features.FeatureMatrix.DroppedFeature;
import dev.persona.segment.features.FeatureMatrix.Transform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a {@link FeatureMatrix} from customers and their events, as of a point in time.
 *
 * <p>Rules:
 * <ul>
 *   <li><b>Rows.</b> One per customer, in input order; customers with {@code consentDenied} are left out and
 *       listed in {@link FeatureMatrix#excludedUserIds()}. Events of unknown or excluded users are ignored.</li>
 *   <li><b>No future leak.</b> Only events strictly before {@code asOfMillis} are used.</li>
 *   <li><b>RFM.</b> {@code recency_days} = (asOf − time of the customer's last {@code PURCHASE}) in days
 *       (fractional, 86,400,000 ms per day); a customer without purchases uses their last event of any kind; a
 *       customer without any event gets the largest recency observed among customers with events plus one day
 *       (0 when nobody has events), i.e. "less recent than everybody seen". {@code frequency} = number of
 *       {@code PURCHASE} events; {@code monetary} = sum of their values. Transform: log1p, then z-score with the
 *       population standard deviation (a negative monetary total, from refunds, uses sign(x)·log1p(|x|)).</li>
 *   <li><b>Attributes.</b> An attribute whose every non-missing value (null or blank is missing) parses as a
 *       finite number is numeric: missing values are imputed with the median of the present values, then the
 *       column is z-scored; its raw column holds the imputed values. Any other attribute (including a "numeric"
 *       one with some non-numeric values, such as "unknown") is categorical and becomes one 0/1 column per level
 *       present, named {@code attr:<name>=<level>}, levels in lexicographic order, values trimmed; a missing
 *       value is all zeros. One-hot columns are not scaled. An attribute no customer has is dropped.</li>
 *   <li><b>Category affinity.</b> For every category seen in a used event of a kept customer, a column
 *       {@code affinity:category=<name>} (lexicographic order) holding the customer's share of their used events
 *       with a non-null category that fall in it (all kinds counted alike). For a customer with such events the
 *       shares sum to 1; a customer without any has all zeros. Not scaled.</li>
 *   <li><b>Constant features.</b> A column whose (log1p-transformed where applicable) values have population
 *       standard deviation 0 after imputation, up to rounding, is dropped and reported in
 *       {@link FeatureMatrix#dropped()} with its value.</li>
 * </ul>
 * Cost: O(|events| + n·d) time and memory, plus sorting of attribute levels and categories.
 */
public final class FeatureBuilder {

    /** Milliseconds per day used for recency. */
    public static final double MILLIS_PER_DAY = 86_400_000.0;

    private FeatureBuilder() {
    }

    /** Builds with the default spec ({@code rfm}). */
    public static FeatureMatrix build(List<Customer> customers, List<CustomerEvent> events, long asOfMillis) {
        return build(FeatureSpec.defaults(), customers, events, asOfMillis);
    }

    /**
     * Builds the features of the spec.
     *
     * @param spec which features; null means the default ({@code rfm})
     * @param customers the customers, unique ids, at least one without denied consent
     * @param events their events, any order; may be null (no events)
     * @param asOfMillis the reference time; only events strictly before it are used
     * @throws IllegalArgumentException for null customers, duplicate user ids, or no customer left after
     *         leaving out those who denied consent
     */
    public static FeatureMatrix build(FeatureSpec spec, List<Customer> customers, List<CustomerEvent> events,
                                      long asOfMillis) {
        if (spec == null) {
            spec = FeatureSpec.defaults();
        }
        if (customers == null) {
            throw new IllegalArgumentException("customers must not be null");
        }
        List<Customer> kept = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> rowOf = new HashMap<>();
        for (Customer c : customers) {
            if (c == null) {
                throw new IllegalArgumentException("customers must not contain null");
            }
            if (!seen.add(c.userId())) {
                throw new IllegalArgumentException("duplicate customer '" + c.userId() + "'");
            }
            if (c.consentDenied()) {
                excluded.add(c.userId());
            } else {
                rowOf.put(c.userId(), kept.size());
                kept.add(c);
            }
        }
        int n = kept.size();
        if (n == 0) {
            throw new IllegalArgumentException("no customers to build features for (" + excluded.size()
                    + " denied consent)");
        }

        // Per-customer aggregates over used events.
        long[] lastPurchase = new long[n];
        long[] lastEvent = new long[n];
        boolean[] hasPurchase = new boolean[n];
        boolean[] hasEvent = new boolean[n];
        double[] frequency = new double[n];
        double[] monetary = new double[n];
        List<Map<String, Integer>> categoryCounts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            categoryCounts.add(new HashMap<>());
        }
        int[] categorised = new int[n];
        TreeSet<String> categories = new TreeSet<>();
        if (events != null) {
            for (CustomerEvent e : events) {
                if (e == null || e.atMillis() >= asOfMillis) {
                    continue;
                }
                Integer row = rowOf.get(e.userId());
                if (row == null) {
                    continue;
                }
                int i = row;
                if (!hasEvent[i] || e.atMillis() > lastEvent[i]) {
                    lastEvent[i] = e.atMillis();
                }
                hasEvent[i] = true;
                if (e.isPurchase()) {
                    if (!hasPurchase[i] || e.atMillis() > lastPurchase[i]) {
                        lastPurchase[i] = e.atMillis();
                    }
                    hasPurchase[i] = true;
                    frequency[i] += 1;
                    monetary[i] += e.value();
                }
                if (e.category() != null) {
                    categoryCounts.get(i).merge(e.category(), 1, Integer::sum);
                    categorised[i]++;
                    categories.add(e.category());
                }
            }
        }
        double[] recency = new double[n];
        double maxRecency = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (hasEvent[i]) {
                long last = hasPurchase[i] ? lastPurchase[i] : lastEvent[i];
                recency[i] = (asOfMillis - last) / MILLIS_PER_DAY;
                maxRecency = Math.max(maxRecency, recency[i]);
            }
        }
        double never = maxRecency == Double.NEGATIVE_INFINITY ? 0 : maxRecency + 1;
        for (int i = 0; i < n; i++) {
            if (!hasEvent[i]) {
                recency[i] = never;
            }
        }

        Columns out = new Columns(n);
        Set<String> attributesDone = new HashSet<>();
        boolean affinityDone = false;
        for (FeatureSpec.Term term : spec.terms()) {
            switch (term.kind()) {
                case RECENCY_DAYS -> out.add("recency_days", recency.clone(), Transform.LOG1P_ZSCORE);
                case FREQUENCY -> out.add("frequency", frequency.clone(), Transform.LOG1P_ZSCORE);
                case MONETARY -> out.add("monetary", monetary.clone(), Transform.LOG1P_ZSCORE);
                case ATTRIBUTE -> {
                    if (attributesDone.add(term.attribute())) {
                        addAttribute(out, kept, term.attribute());
                    }
                }
                case ALL_ATTRIBUTES -> {
                    TreeSet<String> all = new TreeSet<>();
                    for (Customer c : kept) {
                        all.addAll(c.attributes().keySet());
                    }
                    for (String a : all) {
                        if (attributesDone.add(a)) {
                            addAttribute(out, kept, a);
                        }
                    }
                }
                case CATEGORY_AFFINITY -> {
                    if (!affinityDone) {
                        affinityDone = true;
                        for (String cat : categories) {
                            double[] share = new double[n];
                            for (int i = 0; i < n; i++) {
                                Integer k = categoryCounts.get(i).get(cat);
                                share[i] = k == null ? 0 : (double) k / categorised[i];
                            }
                            out.add("affinity:category=" + cat, share, Transform.NONE);
                        }
                    }
                }
            }
        }
        List<String> userIds = new ArrayList<>(n);
        for (Customer c : kept) {
            userIds.add(c.userId());
        }
        return out.finish(userIds, excluded);
    }

    private static void addAttribute(Columns out, List<Customer> kept, String attribute) {
        int n = kept.size();
        String[] values = new String[n];
        double[] parsed = new double[n];
        boolean numeric = true;
        int present = 0;
        for (int i = 0; i < n; i++) {
            String v = kept.get(i).attributes().get(attribute);
            if (v == null || v.isBlank()) {
                parsed[i] = Double.NaN;
                continue;
            }
            values[i] = v.trim();
            present++;
            if (numeric) {
                Double d = parseNumber(values[i]);
                if (d == null) {
                    numeric = false;
                } else {
                    parsed[i] = d;
                }
            }
        }
        String name = "attr:" + attribute;
        if (present == 0) {
            out.drop(name, "no customer has a value");
            return;
        }
        if (numeric) {
            double median = median(parsed);
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(parsed[i])) {
                    parsed[i] = median;
                }
            }
            out.add(name, parsed, Transform.ZSCORE);
            return;
        }
        TreeMap<String, double[]> levels = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (values[i] != null) {
                levels.computeIfAbsent(values[i], k -> new double[n])[i] = 1;
            }
        }
        for (Map.Entry<String, double[]> level : levels.entrySet()) {
            out.add(name + "=" + level.getKey(), level.getValue(), Transform.NONE);
        }
    }

    private static Double parseNumber(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Median of the non-NaN values (mean of the two middle ones for an even count); at least one present. */
    static double median(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int m = present.length;
        return m % 2 == 1 ? present[m / 2] : (present[m / 2 - 1] + present[m / 2]) / 2;
    }

    /** Collects candidate columns, dropping constant ones, and scales what is kept. */
    private static final class Columns {
        private final int n;
        private final List<String> names = new ArrayList<>();
        private final List<Transform> transforms = new ArrayList<>();
        private final List<double[]> raw = new ArrayList<>();
        private final List<double[]> transformed = new ArrayList<>();
        private final List<double[]> stats = new ArrayList<>(); // {center, scale, rawMean, rawStd}
        private final List<DroppedFeature> dropped = new ArrayList<>();

        Columns(int n) {
            this.n = n;
        }

        void drop(String name, String reason) {
            dropped.add(new DroppedFeature(name, reason));
        }

        void add(String name, double[] values, Transform transform) {
            double[] pre = values.clone();
            if (transform == Transform.LOG1P_ZSCORE) {
                for (int i = 0; i < n; i++) {
                    pre[i] = FeatureMatrix.signedLog1p(values[i]);
                }
            }
            double mean = mean(pre);
            double std = std(pre, mean);
            if (std <= 1e-12 * Math.max(1, Math.abs(mean))) {
                drop(name, "constant: " + values[0] + " for every customer");
                return;
            }
            double center = 0;
            double scale = 1;
            if (transform != Transform.NONE) {
                center = mean;
                scale = std;
                for (int i = 0; i < n; i++) {
                    pre[i] = (pre[i] - center) / scale;
                }
            }
            double rawMean = mean(values);
            names.add(name);
            transforms.add(transform);
            raw.add(values);
            transformed.add(pre);
            stats.add(new double[] {center, scale, rawMean, std(values, rawMean)});
        }

        FeatureMatrix finish(List<String> userIds, List<String> excluded) {
            int d = names.size();
            double[] center = new double[d];
            double[] scale = new double[d];
            double[] rawMean = new double[d];
            double[] rawStd = new double[d];
            for (int j = 0; j < d; j++) {
                double[] s = stats.get(j);
                center[j] = s[0];
                scale[j] = s[1];
                rawMean[j] = s[2];
                rawStd[j] = s[3];
            }
            return new FeatureMatrix(userIds, names, transforms.toArray(new Transform[0]),
                    raw.toArray(new double[0][]), transformed.toArray(new double[0][]), center, scale, rawMean,
                    rawStd, dropped, excluded);
        }

        private static double mean(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return s / v.length;
        }

        private static double std(double[] v, double mean) {
            double s = 0;
            for (double x : v) {
                s += (x - mean) * (x - mean);
            }
            return Math.sqrt(s / v.length);
        }
    }
}
