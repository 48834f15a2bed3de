package dev.persona.recommend.blend;

import dev.persona.recommend.core.Scored;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums contributions into candidates' scores and credits into their reasons (the user's items behind them), then
 * ranks. Order: score descending, ties by item id ascending ({@link #BEST_FIRST}); each candidate's {@code because}
 * holds at most {@link #MAX_REASONS} reasons with a positive total credit, largest first, ties by id ascending.
 * Not thread-safe: one tally per ranking.
 */
public final class Tally {

    /** At most this many reasons per candidate. */
    public static final int MAX_REASONS = 3;

    /** Score descending, ties by item id ascending. */
    public static final Comparator<Scored> BEST_FIRST =
            Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::itemId);

    private static final Comparator<Map.Entry<String, Double>> LARGEST_CREDIT_FIRST =
            Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private final Map<String, Candidate> candidates = new HashMap<>();

    private static final class Candidate {
        double score;
        final Map<String, Double> credits = new HashMap<>();
    }

    /** Adds {@code contribution} to the score of {@code itemId}, which becomes a candidate even when it is 0. */
    public void add(String itemId, double contribution) {
        candidate(itemId).score += contribution;
    }

    /**
     * Credits {@code reasonId} with {@code amount} towards {@code itemId} (which becomes a candidate). Reasons whose
     * total credit is not positive are not reported: an item that lowered a score is no reason for it.
     */
    public void credit(String itemId, String reasonId, double amount) {
        candidate(itemId).credits.merge(reasonId, amount, Double::sum);
    }

    /** Every candidate, best first. */
    public List<Scored> ranked() {
        List<Scored> ranked = new ArrayList<>(candidates.size());
        candidates.forEach((itemId, candidate) ->
                // + 0.0 turns −0.0 into 0.0 so that it ties with 0.0 and the id decides
                ranked.add(new Scored(itemId, candidate.score + 0.0, reasons(candidate.credits))));
        ranked.sort(BEST_FIRST);
        return ranked;
    }

    private static List<String> reasons(Map<String, Double> credits) {
        return credits.entrySet().stream()
                .filter(credit -> credit.getValue() > 0)
                .sorted(LARGEST_CREDIT_FIRST)
                .limit(MAX_REASONS)
                .map(Map.Entry::getKey)
                .toList();
    }

    private Candidate candidate(String itemId) {
        return candidates.computeIfAbsent(itemId, id -> new Candidate());
    }
}
