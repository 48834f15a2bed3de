package dev.persona.segment.classifier;

import dev.persona.segment.features.CustomerEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Labels of the event outcomes, churn and purchase, at a cutoff with an outcome window [cutoff, cutoff + horizon).
 *
 * <ul>
 *   <li>{@link Outcome#CHURN}: the users with at least one purchase before the cutoff; positive when they make no
 *       purchase in the window;</li>
 *   <li>{@link Outcome#PURCHASE}: the users with any event before the cutoff; positive when they make a purchase in
 *       the window.</li>
 * </ul>
 * Events at or after the end of the window play no part. The features of such a dataset must come from events before
 * the cutoff only (a feature table built with the cutoff as its clock), so nothing of the outcome leaks into them.
 */
public final class OutcomeLabels {

    /** The event outcomes. */
    public enum Outcome { CHURN, PURCHASE }

    /**
     * The times of the first and the latest event.
     *
     * @param firstMillis  the earliest event, {@link Long#MAX_VALUE} when there is none
     * @param latestMillis the latest event, {@link Long#MIN_VALUE} when there is none
     */
    public record Span(long firstMillis, long latestMillis) {
        /** True when there are no events. */
        public boolean empty() {
            return firstMillis > latestMillis;
        }
    }

    private OutcomeLabels() {
    }

    /** The span of {@code events}. */
    public static Span span(List<CustomerEvent> events) {
        long first = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (CustomerEvent e : events) {
            first = Math.min(first, e.atMillis());
            latest = Math.max(latest, e.atMillis());
        }
        return new Span(first, latest);
    }

    /**
     * The label of every eligible user, by user id (ascending).
     *
     * @param outcome       what is predicted
     * @param events        the log; any order
     * @param cutoffMillis  start of the outcome window
     * @param horizonMillis length of the window, more than 0
     */
    public static Map<String, Boolean> label(Outcome outcome, List<CustomerEvent> events, long cutoffMillis,
                                             long horizonMillis) {
        if (outcome == null || events == null) {
            throw new IllegalArgumentException("outcome and events are required");
        }
        if (horizonMillis <= 0) {
            throw new IllegalArgumentException("horizon must be positive, got " + horizonMillis + " ms");
        }
        long end = cutoffMillis + horizonMillis < cutoffMillis ? Long.MAX_VALUE : cutoffMillis + horizonMillis;
        Set<String> eligible = new HashSet<>();
        Set<String> boughtInWindow = new HashSet<>();
        for (CustomerEvent e : events) {
            if (e.atMillis() < cutoffMillis) {
                if (outcome == Outcome.PURCHASE || e.isPurchase()) {
                    eligible.add(e.userId());
                }
            } else if (e.atMillis() < end && e.isPurchase()) {
                boughtInWindow.add(e.userId());
            }
        }
        Map<String, Boolean> labels = new TreeMap<>();
        for (String user : eligible) {
            boolean bought = boughtInWindow.contains(user);
            labels.put(user, outcome == Outcome.CHURN ? !bought : bought);
        }
        return labels;
    }
}
