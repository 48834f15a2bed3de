package dev.persona.recommend.model;

import dev.persona.recommend.core.Scored;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
        Integer[] order = new Integer[scores.length];
        int count = 0;
        for (int i = 0; i < scores.length; i++) {
            if (allowed.test(model.itemId(i))) {
                order[count++] = i;
            }
        }
        Integer[] candidates = Arrays.copyOf(order, count);
        Arrays.sort(candidates, Comparator.<Integer>comparingDouble(i -> -scores[i])
                .thenComparing(i -> model.itemId(i)));
        List<Integer> known = new ArrayList<>();
        for (String h : history) {
            int i = model.itemIndex(h);
            if (i >= 0 && !known.contains(i)) {
                known.add(i);
            }
        }
        List<Scored> out = new ArrayList<>();
        for (int r = 0; r < Math.min(n, candidates.length); r++) {
            int item = candidates[r];
            out.add(new Scored(model.itemId(item), scores[item], because(model, item, known)));
        }
        return out;
    }

    private static List<String> because(TrainedModel model, int item, List<Integer> history) {
        List<double[]> scored = new ArrayList<>();
        for (int h : history) {
            double s;
            if (model instanceof EaseModel m) {
                s = m.weight(h, item);
            } else if (model instanceof ImplicitAlsModel m) {
                s = dot(m.itemFactors(h), m.itemFactors(item));
            } else {
                ExplicitAlsModel m = (ExplicitAlsModel) model;
                s = dot(m.itemFactors(h), m.itemFactors(item));
            }
            if (s > 0) {
                scored.add(new double[] {h, s});
            }
        }
        scored.sort(Comparator.comparingDouble((double[] x) -> -x[1]));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(BECAUSE, scored.size()); i++) {
            out.add(model.itemId((int) scored.get(i)[0]));
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
