package dev.persona.segment.features;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which features to build, parsed from a list of names.
 *
 * <p>Accepted names (keywords are case-insensitive, attribute names are case-sensitive):
 * <ul>
 *   <li>{@code rfm}: shorthand for {@code recency_days}, {@code frequency}, {@code monetary};</li>
 *   <li>{@code recency_days}, {@code frequency}, {@code monetary}: one RFM feature each;</li>
 *   <li>{@code attr:<name>}: the customer attribute {@code <name>} (numeric, or one-hot when categorical);</li>
 *   <li>{@code attr:*}: every attribute that appears on at least one customer, by name;</li>
 *   <li>{@code affinity:category}: the customer's share of events per category, one feature per category.</li>
 * </ul>
 * An empty (or null) list means {@code rfm}. Repeated names are kept once, at their first position; the order of
 * the terms is the order of the columns of the {@link FeatureMatrix}.
 */
public final class FeatureSpec {

    /** What one term of a spec selects. */
    public enum Kind { RECENCY_DAYS, FREQUENCY, MONETARY, ATTRIBUTE, ALL_ATTRIBUTES, CATEGORY_AFFINITY }

    /**
     * One selected feature (or feature family).
     *
     * @param kind what is selected
     * @param attribute the attribute name for {@link Kind#ATTRIBUTE}, otherwise null
     */
    public record Term(Kind kind, String attribute) {
    }

    /** The valid forms, as listed in error messages. */
    public static final String VALID_FORMS =
            "rfm, recency_days, frequency, monetary, attr:<name>, attr:*, affinity:category";

    private final List<Term> terms;

    private FeatureSpec(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /** The default spec, {@code rfm}. */
    public static FeatureSpec defaults() {
        return parse(List.of());
    }

    /**
     * Parses feature names.
     *
     * @throws IllegalArgumentException naming the offending entry and listing the valid forms, for an unknown,
     *         null or blank name
     */
    public static FeatureSpec parse(List<String> names) {
        Set<Term> terms = new LinkedHashSet<>();
        if (names == null || names.isEmpty()) {
            names = List.of("rfm");
        }
        for (String raw : names) {
            if (raw == null || raw.isBlank()) {
                throw new IllegalArgumentException("empty feature name; valid forms: " + VALID_FORMS);
            }
            String name = raw.trim();
            String lower = name.toLowerCase(Locale.ROOT);
            switch (lower) {
                case "rfm" -> {
                    terms.add(new Term(Kind.RECENCY_DAYS, null));
                    terms.add(new Term(Kind.FREQUENCY, null));
                    terms.add(new Term(Kind.MONETARY, null));
                }
                case "recency_days" -> terms.add(new Term(Kind.RECENCY_DAYS, null));
                case "frequency" -> terms.add(new Term(Kind.FREQUENCY, null));
                case "monetary" -> terms.add(new Term(Kind.MONETARY, null));
                case "affinity:category" -> terms.add(new Term(Kind.CATEGORY_AFFINITY, null));
                case "attr:*" -> terms.add(new Term(Kind.ALL_ATTRIBUTES, null));
                default -> {
                    if (lower.startsWith("attr:") && !name.substring(5).isBlank() && !name.contains("=")) {
                        terms.add(new Term(Kind.ATTRIBUTE, name.substring(5).trim()));
                    } else {
                        throw new IllegalArgumentException("unknown feature '" + name + "'; valid forms: "
                                + VALID_FORMS);
                    }
                }
            }
        }
        return new FeatureSpec(new ArrayList<>(terms));
    }

    /** The terms, in column order, without repeats. */
    public List<Term> terms() {
        return terms;
    }

    @Override
    public String toString() {
        List<String> out = new ArrayList<>();
        for (Term t : terms) {
            out.add(switch (t.kind()) {
                case RECENCY_DAYS -> "recency_days";
                case FREQUENCY -> "frequency";
                case MONETARY -> "monetary";
                case ATTRIBUTE -> "attr:" + t.attribute();
                case ALL_ATTRIBUTES -> "attr:*";
                case CATEGORY_AFFINITY -> "affinity:category";
            });
        }
        return String.join(",", out);
    }
}
