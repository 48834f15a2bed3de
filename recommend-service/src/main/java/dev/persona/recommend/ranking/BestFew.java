package dev.persona.recommend.ranking;

import java.util.Arrays;
import java.util.List;

/**
 * The best few of a stream of scored ids (the reasons behind a recommendation, for example), kept in order as they
 * come: score descending; at equal scores the smaller id first, or, with {@code tiesByArrival}, the one offered
 * first. Not thread-safe: one per selection.
 */
public final class BestFew {

    private final String[] ids;
    private final double[] scores;
    private final boolean tiesByArrival;
    private int kept;

    public BestFew(int n, boolean tiesByArrival) {
        this.ids = new String[n];
        this.scores = new double[n];
        this.tiesByArrival = tiesByArrival;
    }

    public void offer(String id, double score) {
        int at = kept;
        while (at > 0 && before(score, id, scores[at - 1], ids[at - 1])) {
            at--;
        }
        if (at >= ids.length) {
            return;
        }
        for (int j = Math.min(kept, ids.length - 1); j > at; j--) {
            ids[j] = ids[j - 1];
            scores[j] = scores[j - 1];
        }
        ids[at] = id;
        scores[at] = score;
        kept = Math.min(kept + 1, ids.length);
    }

    /** The ids kept, best first. */
    public List<String> ids() {
        return List.of(Arrays.copyOf(ids, kept));
    }

    private boolean before(double score, String id, double otherScore, String otherId) {
        return score > otherScore || (score == otherScore && !tiesByArrival && id.compareTo(otherId) < 0);
    }
}
