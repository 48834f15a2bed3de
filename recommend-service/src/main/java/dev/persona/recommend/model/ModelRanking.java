package dev.persona.recommend.model;

import dev.persona.core.topk.TopK;
import dev.persona.recommend.ranking.BestFew;
import dev.persona.recommend.ranking.Scored;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Ranks items for one user with a trained model: the user's own factors when the model saw them, else folded in
 * from their history (ALS: their factors solved with the item factors fixed; EASE: the history row times B). Each
 * ranked item names up to three history items behind it: the largest EASE weights towards it, or the history
 * items whose factors point most its way.
 */
public final class ModelRanking {

    private static final int BECAUSE = 3;

    private ModelRanking() {
    }

    /**
     * Scores of every model item for the user, or null when the model can say nothing (an unknown user without any
     * history the model knows).
     *
     * @param interests the user's weight per item (implicit models, EASE)
     * @param ratings the user's rating per item (explicit ALS)
     */
    public static float[] scores(TrainedModel model, String userId, Map<String, Double> interests,
                                 Map<String, Double> ratings) {
        if (model instanceof ImplicitAlsModel m) {
            int u = m.userIndex(userId);
            if (u >= 0) {
                return m.scores(u);
            }
            return known(m, interests) ? m.scores(m.foldIn(interests)) : null;
        }
        if (model instanceof EaseModel m) {
            return known(m, interests) ? m.scores(interests) : null;
        }
        ExplicitAlsModel m = (ExplicitAlsModel) model;
        int u = m.userIndex(userId);
        ExplicitAlsModel.FoldedUser folded = u >= 0 ? null : known(m, ratings) ? m.foldIn(ratings) : null;
        if (u < 0 && folded == null) {
            return null;
        }
        float[] out = new float[m.numItems()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (u >= 0 ? m.predict(u, i) : m.predict(folded, i));
        }
        return out;
    }

    private static boolean known(TrainedModel model, Map<String, Double> items) {
        for (String item : items.keySet()) {
            if (model.itemIndex(item) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The best {@code n} allowed items by score, each with the history items behind it.
     *
     * @param scores from {@link #scores}
     * @param history the items of the user's history (explanations)
     */
    public static List<Scored> top(TrainedModel model, float[] scores, Predicate<String> allowed, int n,
                                   Iterable<String> history) {
        int[] best = best(model, scores, allowed, n);
        List<Integer> known = new ArrayList<>();
        for (String h : history) {
            int i = model.itemIndex(h);
            if (i >= 0 && !known.contains(i)) {
                known.add(i);
            }
        }
        List<Scored> out = new ArrayList<>(best.length);
        for (int item : best) {
            out.add(new Scored(model.itemId(item), scores[item], because(model, item, known)));
        }
        return out;
    }

    /** The best {@code n} allowed items, best first (score descending, ties by id ascending). */
    static int[] best(TrainedModel model, float[] scores, Predicate<String> allowed, int n) {
        return TopK.select(scores, n, (a, b) -> model.itemId(a).compareTo(model.itemId(b)) < 0,
                i -> allowed.test(model.itemId(i)));
    }

    /** The (at most three) history items with the largest positive affinity to {@code item}; ties keep history order. */
    private static List<String> because(TrainedModel model, int item, List<Integer> history) {
        BestFew best = new BestFew(BECAUSE, true);
        for (int h : history) {
            double s;
            if (model instanceof EaseModel m) {
                s = m.weight(h, item);
            } else {
                FactorModel m = (FactorModel) model;
                s = dot(m.itemFactors(h), m.itemFactors(item));
            }
            if (s > 0) {
                best.offer(model.itemId(h), s);
            }
        }
        return best.ids();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
