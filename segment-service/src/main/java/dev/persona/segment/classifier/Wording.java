package dev.persona.segment.classifier;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Conditions of a decision path in words a marketer reads, with thresholds in the features' original units: for
 * example "no purchase for over 120.5 days", "at most 2 purchases", "Contract is Month-to-month", "tenure ≤ 5".
 * A whole-number feature's threshold (a midpoint such as 5.5) is said as the whole number it separates ("≤ 5",
 * "&gt; 5"); other thresholds keep at most two decimals (one above 100).
 */
public final class Wording {

    private Wording() {
    }

    /** A numeric condition x ≤ threshold ({@code atMost}) or x &gt; threshold, in words. */
    public static String numeric(String feature, double threshold, boolean integral, boolean atMost) {
        String t = integral ? plain(Math.floor(threshold)) : number(threshold);
        String whole = plain(Math.floor(threshold));
        return switch (feature) {
            case "recency_days" -> atMost ? "last purchase within " + t + " days" : "no purchase for over " + t + " days";
            case "frequency" -> (atMost ? "at most " : "more than ") + whole + " purchases";
            case "monetary" -> (atMost ? "spent at most " : "spent more than ") + t;
            case "avg_amount" -> (atMost ? "average purchase at most " : "average purchase over ") + t;
            case "tenure_days" -> atMost ? "first seen within the last " + t + " days"
                    : "customer for over " + t + " days";
            case "purchases_90d" -> (atMost ? "at most " : "more than ") + whole + " purchases in the last 90 days";
            case "purchases_180d" -> (atMost ? "at most " : "more than ") + whole + " purchases in the last 180 days";
            case "events" -> (atMost ? "at most " : "more than ") + whole + " events";
            case "mean_rating" -> (atMost ? "mean rating at most " : "mean rating over ") + t;
            default -> {
                if (feature.startsWith(PredictorSchema.AFFINITY_PREFIX)) {
                    String category = feature.substring(PredictorSchema.AFFINITY_PREFIX.length());
                    String share = number(threshold * 100) + " %";
                    yield (atMost ? "at most " : "more than ") + share + " of events in " + category;
                }
                yield display(feature) + (atMost ? " ≤ " : " > ") + t;
            }
        };
    }

    /** A categorical condition: level = value ({@code is}) or level ≠ value, in words. */
    public static String categorical(String feature, String level, boolean is) {
        return display(feature) + (is ? " is " : " is not ") + level;
    }

    /** A feature name as a reader sees it: attributes without their prefix. */
    public static String display(String feature) {
        return feature.startsWith("attribute:") ? feature.substring("attribute:".length()) : feature;
    }

    /** A whole percentage of a probability, e.g. "68 %". */
    public static String percent(double p) {
        return Math.round(p * 100) + " %";
    }

    /** The sentence's first letter in upper case. */
    public static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** At most two decimals (one from 100 up), trailing zeros dropped. */
    public static String number(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        int scale = Math.abs(x) >= 100 ? 1 : 2;
        return plain(new BigDecimal(x).setScale(scale, RoundingMode.HALF_UP).doubleValue());
    }

    private static String plain(double x) {
        String s = new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
