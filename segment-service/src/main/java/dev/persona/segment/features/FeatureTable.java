package dev.persona.segment.features;

import dev.persona.segment.features.FeatureSpec.Builtin;
import dev.persona.segment.features.FeatureSpec.Term;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The raw per-user features of a {@link FeatureSpec} at one clock: one row per user, one column per feature, in
 * original units, with missing values left missing ({@code NaN}, or a null text). What to do about a missing value
 * is the consumer's choice: segmentations leave such users out ({@link FeatureMatrix}), predictors impute.
 *
 * <p>Rules:
 * <ul>
 *   <li><b>Rows.</b> One per customer, in input order; customers whose consent is denied are left out and listed in
 *       {@link #excludedUserIds()}, and their events are ignored, as are events of unknown users.</li>
 *   <li><b>No future leak.</b> Only events strictly before the clock are used.</li>
 *   <li><b>Built-ins</b> (see {@link Builtin}): {@code recency_days} = days from the last purchase to the clock,
 *       missing without a purchase; {@code frequency} = purchases; {@code monetary} = sum of purchase amounts;
 *       {@code avg_amount} = monetary / frequency, missing without a purchase; {@code tenure_days} = days from the
 *       first event to the clock, missing without events; {@code purchases_90d} / {@code purchases_180d} =
 *       purchases in the 90 / 180 days before the clock; {@code events} = events of every kind;
 *       {@code mean_rating} = mean rating, missing without ratings. Days are fractional (86,400,000 ms).</li>
 *   <li><b>Attributes.</b> An attribute whose every present value (blank is missing) parses as a finite number is
 *       numeric; any other is categorical ({@link Column#text()} holds its trimmed values). An attribute named
 *       explicitly that no user has is refused as an unknown feature. Attributes in {@code excludedAttributes}
 *       (a predictor's label) are never features.</li>
 *   <li><b>Category affinity.</b> For every category seen in a used event, {@code affinity:category=<name>}
 *       (lexicographic order): the user's share of their categorised events in it; 0 without any.</li>
 * </ul>
 */
public final class FeatureTable {

    /** Milliseconds per day. */
    public static final double MILLIS_PER_DAY = 86_400_000.0;

    /**
     * One feature column.
     *
     * @param name feature name, for example {@code frequency}, {@code attribute:plan}, {@code affinity:category=x}
     * @param numeric the values, NaN when missing; null for a categorical column
     * @param text the attribute's trimmed values (null when missing) for attribute columns, else null
     * @param builtin the built-in feature, or null
     */
    public record Column(String name, double[] numeric, String[] text, Builtin builtin) {

        /** True for a categorical attribute. */
        public boolean categorical() {
            return numeric == null;
        }

        /** True when row i has a value. */
        public boolean present(int i) {
            return numeric != null ? !Double.isNaN(numeric[i]) : text[i] != null;
        }
    }

    private final List<String> userIds;
    private final Map<String, Integer> rowOf;
    private final List<Column> columns;
    private final List<String> excludedUserIds;

    private FeatureTable(List<String> userIds, Map<String, Integer> rowOf, List<Column> columns,
                         List<String> excludedUserIds) {
        this.userIds = List.copyOf(userIds);
        this.rowOf = rowOf;
        this.columns = List.copyOf(columns);
        this.excludedUserIds = List.copyOf(excludedUserIds);
    }

    /**
     * Builds the table.
     *
     * @param spec the features
     * @param customers the users, unique ids
     * @param events their events, any order; may be null
     * @param asOfMillis the clock: only events strictly before it count
     * @param excludedAttributes attributes never used as features (for example a label); may be empty
     * @throws IllegalArgumentException for a duplicate user id, or an attribute named in the spec that no user has
     */
    public static FeatureTable build(FeatureSpec spec, List<Customer> customers, List<CustomerEvent> events,
                                     long asOfMillis, Set<String> excludedAttributes) {
        List<String> ids = new ArrayList<>();
        List<Customer> kept = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        Map<String, Integer> rowOf = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Customer c : customers) {
            if (!seen.add(c.userId())) {
                throw new IllegalArgumentException("duplicate customer '" + c.userId() + "'");
            }
            if (c.consentDenied()) {
                excluded.add(c.userId());
            } else {
                rowOf.put(c.userId(), kept.size());
                ids.add(c.userId());
                kept.add(c);
            }
        }
        Aggregates agg = new Aggregates(kept.size(), asOfMillis);
        if (events != null) {
            for (CustomerEvent e : events) {
                Integer row = e.atMillis() < asOfMillis ? rowOf.get(e.userId()) : null;
                if (row != null) {
                    agg.add(row, e);
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (Term term : spec.terms()) {
            switch (term.kind()) {
                case BUILTIN -> columns.add(new Column(term.name(), agg.builtin(term.builtin()), null,
                        term.builtin()));
                case ATTRIBUTE -> {
                    if (excludedAttributes.contains(term.attribute())) {
                        throw new IllegalArgumentException("feature '" + term.name()
                                + "' is the label; a label is never a feature");
                    }
                    if (kept.stream().noneMatch(c -> present(c, term.attribute()))) {
                        throw new IllegalArgumentException("unknown feature '" + term.name()
                                + "': no user has attribute '" + term.attribute() + "'");
                    }
                    if (done.add(term.attribute())) {
                        columns.add(attribute(kept, term.attribute()));
                    }
                }
                case ALL_ATTRIBUTES -> {
                    TreeSet<String> all = new TreeSet<>();
                    kept.forEach(c -> all.addAll(c.attributes().keySet()));
                    all.removeAll(excludedAttributes);
                    for (String a : all) {
                        if (done.add(a) && kept.stream().anyMatch(c -> present(c, a))) {
                            columns.add(attribute(kept, a));
                        }
                    }
                }
                case CATEGORY_AFFINITY -> columns.addAll(agg.affinities());
            }
        }
        return new FeatureTable(ids, rowOf, columns, excluded);
    }

    private static boolean present(Customer c, String attribute) {
        String v = c.attributes().get(attribute);
        return v != null && !v.isBlank();
    }

    private static Column attribute(List<Customer> kept, String attribute) {
        int n = kept.size();
        String[] text = new String[n];
        double[] numeric = new double[n];
        boolean isNumeric = true;
        for (int i = 0; i < n; i++) {
            String v = kept.get(i).attributes().get(attribute);
            numeric[i] = Double.NaN;
            if (v == null || v.isBlank()) {
                continue;
            }
            text[i] = v.trim();
            if (isNumeric) {
                Double d = parseNumber(text[i]);
                if (d == null) {
                    isNumeric = false;
                } else {
                    numeric[i] = d;
                }
            }
        }
        return new Column(FeatureSpec.ATTRIBUTE_PREFIX + attribute, isNumeric ? numeric : null, text, null);
    }

    /** A finite number, or null. */
    public static Double parseNumber(String s) {
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Number of users (rows). */
    public int rows() {
        return userIds.size();
    }

    /** The user of each row. */
    public List<String> userIds() {
        return userIds;
    }

    /** The row of a user, or −1 when the user is not in the table. */
    public int rowOf(String userId) {
        Integer row = rowOf.get(userId);
        return row == null ? -1 : row;
    }

    /** The columns, in spec order. */
    public List<Column> columns() {
        return columns;
    }

    /** The column of that name, or null. */
    public Column column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Users left out because their consent is denied, in input order. */
    public List<String> excludedUserIds() {
        return excludedUserIds;
    }

    /** Per-user running totals over the used events. */
    private static final class Aggregates {
        private final long asOf;
        private final long[] first;
        private final long[] lastPurchase;
        private final double[] frequency;
        private final double[] monetary;
        private final double[] purchases90;
        private final double[] purchases180;
        private final double[] events;
        private final double[] ratingSum;
        private final double[] ratings;
        private final List<Map<String, Integer>> categories;
        private final int[] categorised;
        private final TreeSet<String> seenCategories = new TreeSet<>();

        Aggregates(int n, long asOf) {
            this.asOf = asOf;
            first = new long[n];
            lastPurchase = new long[n];
            java.util.Arrays.fill(first, Long.MAX_VALUE);
            java.util.Arrays.fill(lastPurchase, Long.MIN_VALUE);
            frequency = new double[n];
            monetary = new double[n];
            purchases90 = new double[n];
            purchases180 = new double[n];
            events = new double[n];
            ratingSum = new double[n];
            ratings = new double[n];
            categories = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                categories.add(null);
            }
            categorised = new int[n];
        }

        void add(int i, CustomerEvent e) {
            first[i] = Math.min(first[i], e.atMillis());
            events[i]++;
            if (e.isPurchase()) {
                lastPurchase[i] = Math.max(lastPurchase[i], e.atMillis());
                frequency[i]++;
                monetary[i] += e.value();
                long age = asOf - e.atMillis();
                if (age <= 90 * 86_400_000L) {
                    purchases90[i]++;
                }
                if (age <= 180 * 86_400_000L) {
                    purchases180[i]++;
                }
            } else if (CustomerEvent.RATING.equals(e.kind())) {
                ratingSum[i] += e.value();
                ratings[i]++;
            }
            if (e.category() != null) {
                if (categories.get(i) == null) {
                    categories.set(i, new HashMap<>());
                }
                categories.get(i).merge(e.category(), 1, Integer::sum);
                categorised[i]++;
                seenCategories.add(e.category());
            }
        }

        double[] builtin(Builtin b) {
            int n = events.length;
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                boolean bought = frequency[i] > 0;
                out[i] = switch (b) {
                    case RECENCY_DAYS -> bought ? (asOf - lastPurchase[i]) / MILLIS_PER_DAY : Double.NaN;
                    case FREQUENCY -> frequency[i];
                    case MONETARY -> monetary[i];
                    case AVG_AMOUNT -> bought ? monetary[i] / frequency[i] : Double.NaN;
                    case TENURE_DAYS -> events[i] > 0 ? (asOf - first[i]) / MILLIS_PER_DAY : Double.NaN;
                    case PURCHASES_90D -> purchases90[i];
                    case PURCHASES_180D -> purchases180[i];
                    case EVENTS -> events[i];
                    case MEAN_RATING -> ratings[i] > 0 ? ratingSum[i] / ratings[i] : Double.NaN;
                };
            }
            return out;
        }

        List<Column> affinities() {
            List<Column> out = new ArrayList<>();
            int n = events.length;
            for (String cat : seenCategories) {
                double[] share = new double[n];
                for (int i = 0; i < n; i++) {
                    Integer k = categories.get(i) == null ? null : categories.get(i).get(cat);
                    share[i] = k == null ? 0 : (double) k / categorised[i];
                }
                out.add(new Column("affinity:category=" + cat, share, null, null));
            }
            return out;
        }
    }
}
