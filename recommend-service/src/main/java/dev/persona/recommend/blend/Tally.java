package dev.persona.recommend.blend;

import dev.persona.recommend.ranking.BestFew;
import dev.persona.recommend.ranking.Scored;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** Up to this many credits a candidate's reasons are merged by a linear search, above it through a map. */
    private static final int LINEAR_MERGE = 16;

    private final Map<String, Candidate> candidates = new HashMap<>();

    /** A candidate's score and its credits in the order they came (merged per reason only when ranked). */
    private static final class Candidate {
        final String itemId;
        double score;
        String[] reasons;
        double[] credits;
        int n;

        Candidate(String itemId) {
            this.itemId = itemId;
        }

        void credit(String reasonId, double amount) {
            if (reasons == null) {
                reasons = new String[4];
                credits = new double[4];
            } else if (n == reasons.length) {
                reasons = Arrays.copyOf(reasons, 2 * n);
                credits = Arrays.copyOf(credits, 2 * n);
            }
            reasons[n] = reasonId;
            credits[n] = amount;
            n++;
        }

        /** The reasons with a positive total credit (summed in the order given), largest first, ties by id. */
        List<String> reasons() {
            if (n == 0) {
                return List.of();
            }
            String[] ids;
            double[] totals;
            int distinct = 0;
            if (n <= LINEAR_MERGE) {
                ids = new String[n];
                totals = new double[n];
                for (int i = 0; i < n; i++) {
                    int at = 0;
                    while (at < distinct && !ids[at].equals(reasons[i])) {
                        at++;
                    }
                    if (at == distinct) {
                        ids[distinct] = reasons[i];
                        totals[distinct++] = credits[i];
                    } else {
                        totals[at] += credits[i];
                    }
                }
            } else {
                Map<String, double[]> merged = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    merged.computeIfAbsent(reasons[i], r -> new double[1])[0] += credits[i];
                }
                ids = new String[merged.size()];
                totals = new double[merged.size()];
                for (Map.Entry<String, double[]> e : merged.entrySet()) {
                    ids[distinct] = e.getKey();
                    totals[distinct++] = e.getValue()[0];
                }
            }
            BestFew best = new BestFew(MAX_REASONS, false);
            for (int i = 0; i < distinct; i++) {
                if (totals[i] > 0) {
                    best.offer(ids[i], totals[i]);
                }
            }
            return best.ids();
        }
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
        candidate(itemId).credit(reasonId, amount);
    }

    /** {@link #add} and {@link #credit} of the same amount in one step. */
    public void addCredited(String itemId, String reasonId, double contribution) {
        Candidate candidate = candidate(itemId);
        candidate.score += contribution;
        candidate.credit(reasonId, contribution);
    }

    /** Every candidate, best first. */
    public List<Scored> ranked() {
        Candidate[] all = candidates.values().toArray(new Candidate[0]);
        // + 0.0 turns −0.0 into 0.0 so that it ties with 0.0 and the id decides
        for (Candidate c : all) {
            c.score += 0.0;
        }
        Arrays.sort(all, (a, b) -> a.score != b.score ? Double.compare(b.score, a.score) : a.itemId.compareTo(b.itemId));
        List<Scored> ranked = new ArrayList<>(all.length);
        for (Candidate c : all) {
            ranked.add(new Scored(c.itemId, c.score, c.reasons()));
        }
        return ranked;
    }

    private Candidate candidate(String itemId) {
        Candidate c = candidates.get(itemId);
        if (c == null) {
            c = new Candidate(itemId);
            candidates.put(itemId, c);
        }
        return c;
    }
}
