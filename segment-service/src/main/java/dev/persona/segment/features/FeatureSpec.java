package dev.persona.segment.features;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which features to build, parsed from the names of a request.
 *
 * <p>Accepted names (keywords are case-insensitive, attribute names are case-sensitive):
 * <ul>
 *   <li>the built-in event features {@link Builtin}: {@code recency_days}, {@code frequency}, {@code monetary},
 *       {@code avg_amount}, {@code tenure_days}, {@code purchases_90d}, {@code purchases_180d}, {@code events},
 *       {@code mean_rating};</li>
 *   <li>{@code rfm}: shorthand for {@code recency_days}, {@code frequency}, {@code monetary};</li>
 *   <li>{@code attribute:<name>} (or {@code attr:<name>}): the user attribute {@code <name>};</li>
 *   <li>{@code attribute:*} (or {@code attr:*}): every attribute some user has, by name;</li>
 *   <li>{@code affinity:category}: the user's share of events per item category, one feature per category.</li>
 * </ul>
 * An empty list means {@code rfm}. A name given twice (also through a shorthand) is refused: a request that names
 * a feature twice is more likely a mistake than a wish.
 */
public final class FeatureSpec {

    /** The built-in per-user features computed from the events. */
    public enum Builtin {
        RECENCY_DAYS("recency_days", true), FREQUENCY("frequency", true), MONETARY("monetary", true),
        AVG_AMOUNT("avg_amount", true), TENURE_DAYS("tenure_days", true), PURCHASES_90D("purchases_90d", true),
        PURCHASES_180D("purchases_180d", true), EVENTS("events", true), MEAN_RATING("mean_rating", false);

        private final String featureName;
        private final boolean heavyTailed;

        Builtin(String featureName, boolean heavyTailed) {
            this.featureName = featureName;
            this.heavyTailed = heavyTailed;
        }

        /** The name used in requests and results. */
        public String featureName() {
            return featureName;
        }

        /** True for counts, amounts and durations, which models see through log1p. */
        public boolean heavyTailed() {
            return heavyTailed;
        }

        static Builtin named(String lower) {
            for (Builtin b : values()) {
                if (b.featureName.equals(lower)) {
                    return b;
                }
            }
            return null;
        }
    }

    /** What one term of a spec selects. */
    public enum Kind { BUILTIN, ATTRIBUTE, ALL_ATTRIBUTES, CATEGORY_AFFINITY }

    /**
     * One selected feature or feature family.
     *
     * @param kind what is selected
     * @param builtin the built-in feature for {@link Kind#BUILTIN}, else null
     * @param attribute the attribute name for {@link Kind#ATTRIBUTE}, else null
     */
    public record Term(Kind kind, Builtin builtin, String attribute) {

        /** The canonical name of the term, as in requests. */
        public String name() {
            return switch (kind) {
                case BUILTIN -> builtin.featureName();
                case ATTRIBUTE -> ATTRIBUTE_PREFIX + attribute;
                case ALL_ATTRIBUTES -> ATTRIBUTE_PREFIX + "*";
                case CATEGORY_AFFINITY -> "affinity:category";
            };
        }
    }

    /** Prefix of attribute features. */
    public static final String ATTRIBUTE_PREFIX = "attribute:";

    /** The valid forms, as listed in error messages. */
    public static final String VALID_FORMS = "recency_days, frequency, monetary, avg_amount, tenure_days, "
            + "purchases_90d, purchases_180d, events, mean_rating, rfm, attribute:<name>, attribute:*, "
            + "affinity:category";

    private final List<Term> terms;

    private FeatureSpec(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /** The default of segmentations: recency_days, frequency, monetary. */
    public static FeatureSpec defaults() {
        return parse(List.of());
    }

    /** Every built-in feature, and every attribute when {@code withAttributes}: the default of predictors. */
    public static FeatureSpec everything(boolean withAttributes) {
        List<Term> terms = new ArrayList<>();
        for (Builtin b : Builtin.values()) {
            terms.add(new Term(Kind.BUILTIN, b, null));
        }
        if (withAttributes) {
            terms.add(new Term(Kind.ALL_ATTRIBUTES, null, null));
        }
        return new FeatureSpec(terms);
    }

    /**
     * Parses feature names.
     *
     * @throws IllegalArgumentException naming the offending entry and listing the valid forms, for an unknown,
     *         blank or repeated name
     */
    public static FeatureSpec parse(List<String> names) {
        if (names == null || names.isEmpty()) {
            names = List.of("rfm");
        }
        Set<Term> terms = new LinkedHashSet<>();
        for (String raw : names) {
            if (raw == null || raw.isBlank()) {
                throw new IllegalArgumentException("empty feature name; valid forms: " + VALID_FORMS);
            }
            String name = raw.trim();
            String lower = name.toLowerCase(Locale.ROOT);
            List<Term> add = new ArrayList<>();
            Builtin builtin = Builtin.named(lower);
            if (builtin != null) {
                add.add(new Term(Kind.BUILTIN, builtin, null));
            } else if (lower.equals("rfm")) {
                add.add(new Term(Kind.BUILTIN, Builtin.RECENCY_DAYS, null));
                add.add(new Term(Kind.BUILTIN, Builtin.FREQUENCY, null));
                add.add(new Term(Kind.BUILTIN, Builtin.MONETARY, null));
            } else if (lower.equals("affinity:category")) {
                add.add(new Term(Kind.CATEGORY_AFFINITY, null, null));
            } else {
                String attribute = attributeOf(name, lower);
                if (attribute == null) {
                    throw new IllegalArgumentException("unknown feature '" + name + "'; valid forms: " + VALID_FORMS);
                }
                add.add(attribute.equals("*") ? new Term(Kind.ALL_ATTRIBUTES, null, null)
                        : new Term(Kind.ATTRIBUTE, null, attribute));
            }
            for (Term t : add) {
                if (!terms.add(t)) {
                    throw new IllegalArgumentException("feature '" + t.name() + "' is named twice; name each "
                            + "feature once");
                }
            }
        }
        return new FeatureSpec(new ArrayList<>(terms));
    }

    private static String attributeOf(String name, String lower) {
        for (String prefix : List.of(ATTRIBUTE_PREFIX, "attr:")) {
            if (lower.startsWith(prefix)) {
                String attribute = name.substring(prefix.length()).trim();
                return attribute.isEmpty() || attribute.contains("=") ? null : attribute;
            }
        }
        return null;
    }

    /** The terms, in column order. */
    public List<Term> terms() {
        return terms;
    }

    /** True when some term needs the items' categories. */
    public boolean needsCategories() {
        return terms.stream().anyMatch(t -> t.kind() == Kind.CATEGORY_AFFINITY);
    }

    /** The canonical names of the terms, in order. */
    public List<String> names() {
        return terms.stream().map(Term::name).toList();
    }

    @Override
    public String toString() {
        return String.join(",", names());
    }
}
