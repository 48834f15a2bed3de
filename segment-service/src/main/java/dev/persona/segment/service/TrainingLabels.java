package dev.persona.segment.service;

import dev.persona.api.v1.Target;
import dev.persona.common.error.ApiError;
import dev.persona.segment.classifier.OutcomeLabels;
import dev.persona.segment.features.Customer;
import dev.persona.segment.features.FeatureTable;
import dev.persona.segment.features.Population;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Label engineering of TrainPredictor: who is labelled and how (an attribute's value, or churn and purchase in an
 * outcome window after a cutoff, see {@link OutcomeLabels}), the clock the features are measured at, and the checks
 * that the labels can teach a model (both outcomes, each at least once per fold). Every refusal says what to change:
 * INVALID_ARGUMENT naming the field when the request names something the data lacks, FAILED_PRECONDITION when the
 * data cannot answer the request.
 */
final class TrainingLabels {

    private static final long DAY = Population.DAY_MILLIS;

    /**
     * The labels of one training.
     *
     * @param clock        when the features are measured: the cutoff, or the default clock for an attribute label
     * @param cutoffMillis the cutoff of an event outcome, null for an attribute label
     * @param byUser       the label of every labelled user, by user id
     */
    record Labels(long clock, Long cutoffMillis, Map<String, Boolean> byUser) {
    }

    /**
     * The labelled rows of a feature table.
     *
     * @param rows      the rows, in the table's (id) order
     * @param y         the label of each
     * @param positives how many labels are positive
     */
    record Rows(int[] rows, boolean[] y, int positives) {
    }

    private TrainingLabels() {
    }

    /** Labels the population as the request asks. */
    static Labels of(PredictorTraining.Request spec, Population population) {
        if (spec.target() == Target.TARGET_ATTRIBUTE) {
            return new Labels(population.defaultClock(), null, attributeLabels(population.customers(), spec));
        }
        OutcomeLabels.Span span = OutcomeLabels.span(population.events());
        long cutoff = cutoff(spec, population, span);
        return new Labels(cutoff, cutoff, OutcomeLabels.label(spec.target() == Target.TARGET_CHURN
                ? OutcomeLabels.Outcome.CHURN : OutcomeLabels.Outcome.PURCHASE, population.events(), cutoff,
                spec.horizonDays() * DAY));
    }

    /**
     * The labelled users of a feature table (consent-denied users are not in it), checked to have both outcomes,
     * each at least once per validation fold.
     */
    static Rows rows(PredictorTraining.Request spec, FeatureTable table, Map<String, Boolean> labels) {
        List<Integer> rowList = new ArrayList<>();
        List<Boolean> yList = new ArrayList<>();
        for (int row = 0; row < table.rows(); row++) {
            Boolean y = labels.get(table.userIds().get(row));
            if (y != null) {
                rowList.add(row);
                yList.add(y);
            }
        }
        int[] rows = rowList.stream().mapToInt(Integer::intValue).toArray();
        boolean[] y = new boolean[rows.length];
        int positives = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = yList.get(i);
            positives += y[i] ? 1 : 0;
        }
        checkClasses(spec, rows.length, positives);
        return new Rows(rows, y, positives);
    }

    private static Map<String, Boolean> attributeLabels(List<Customer> customers, PredictorTraining.Request spec) {
        Map<String, Boolean> labels = new HashMap<>();
        Set<String> values = new TreeSet<>();
        for (Customer c : customers) {
            String v = c.attributes().get(spec.labelAttribute());
            if (v == null || v.isBlank()) {
                continue;
            }
            if (!c.consentDenied()) {
                labels.put(c.userId(), v.equals(spec.positiveValue()));
                if (values.size() < 10) {
                    values.add(v);
                }
            }
        }
        if (labels.isEmpty()) {
            throw ApiError.invalid("label_attribute", "no user has attribute '" + spec.labelAttribute()
                    + "'; name an attribute the users have");
        }
        if (labels.values().stream().noneMatch(Boolean::booleanValue)) {
            throw ApiError.precondition("the label is constant: positive_value '" + spec.positiveValue()
                    + "' matches none of the " + labels.size() + " users with attribute '" + spec.labelAttribute()
                    + "' (values seen include " + String.join(", ", values) + "); set positive_value to one of them");
        }
        return labels;
    }

    private static long cutoff(PredictorTraining.Request spec, Population population, OutcomeLabels.Span span) {
        if (span.empty()) {
            throw ApiError.precondition("the tenant's log has no events; TARGET_CHURN and TARGET_PURCHASE learn "
                    + "from events (import events first, or use TARGET_ATTRIBUTE)");
        }
        long horizon = spec.horizonDays() * DAY;
        if (spec.cutoffMillis() == null) {
            long latest = Math.max(span.latestMillis(), population.latestEventMillis());
            long cutoff = latest - horizon;
            if (cutoff <= span.firstMillis()) {
                throw ApiError.precondition("the log spans " + days(latest - span.firstMillis()) + " days ("
                        + Instant.ofEpochMilli(span.firstMillis()) + " to " + Instant.ofEpochMilli(latest)
                        + "), not more than horizon_days " + spec.horizonDays() + ": lower horizon_days or set a "
                        + "cutoff inside the log");
            }
            return cutoff;
        }
        long cutoff = spec.cutoffMillis();
        if (cutoff <= span.firstMillis() || cutoff > span.latestMillis()) {
            throw ApiError.precondition("cutoff " + Instant.ofEpochMilli(cutoff) + " is outside the log's events ("
                    + Instant.ofEpochMilli(span.firstMillis()) + " to " + Instant.ofEpochMilli(span.latestMillis())
                    + "): choose a cutoff after the first event and at most the latest, ideally horizon_days before "
                    + "the latest, or leave it unset");
        }
        return cutoff;
    }

    private static String days(long millis) {
        return Long.toString(Math.round(millis / (double) DAY));
    }

    private static void checkClasses(PredictorTraining.Request spec, int n, int positives) {
        int negatives = n - positives;
        String who = switch (spec.target()) {
            case TARGET_CHURN -> "users with a purchase before the cutoff";
            case TARGET_PURCHASE -> "users with an event before the cutoff";
            default -> "users with attribute '" + spec.labelAttribute() + "' (consent not denied)";
        };
        if (n == 0) {
            throw ApiError.precondition("no " + who + ": nothing to learn from; choose a later cutoff");
        }
        if (positives == 0 || negatives == 0) {
            boolean nonePositive = positives == 0;
            String what = switch (spec.target()) {
                case TARGET_CHURN -> nonePositive ? "every one purchased in the window (nobody churned)"
                        : "none purchased in the window (everybody churned)";
                case TARGET_PURCHASE -> nonePositive ? "none purchased in the window"
                        : "every one purchased in the window";
                default -> "every one has '" + spec.labelAttribute() + "' " + (nonePositive ? "other than '" : "= '")
                        + spec.positiveValue() + "'";
            };
            throw ApiError.precondition("the label is constant among the " + n + " " + who + ": " + what
                    + "; a predictor needs both outcomes: " + (spec.target() == Target.TARGET_ATTRIBUTE
                    ? "choose another positive_value or label_attribute" : "choose another cutoff or horizon_days"));
        }
        if (Math.min(positives, negatives) < spec.folds()) {
            throw ApiError.precondition("a class has fewer users than validation_folds " + spec.folds() + ": "
                    + positives + " positive and " + negatives + " negative " + who + "; lower validation_folds to "
                    + Math.max(2, Math.min(positives, negatives)) + " or fewer, or add data");
        }
    }
}
