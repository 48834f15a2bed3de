package dev.persona.recommend.model;

import dev.persona.core.topk.TopK;
import java.util.Arrays;
import java.util.Map;

/**
 * EASE item–item weights B (items × items, zero diagonal) as {@link Ease} trains them. The model keeps nothing per
 * user: a user is scored from their history at request time, known to the training or not. Immutable.
 */
public final class EaseModel implements TrainedModel {

    private final IdIndex items;
    private final double lambda;
    private final float[] weights;

    EaseModel(String[] itemIds, double lambda, float[] weights) {
        if (weights.length != (long) itemIds.length * itemIds.length) {
            throw new IllegalArgumentException("weights do not match " + itemIds.length + " items");
        }
        this.items = new IdIndex(itemIds);
        this.lambda = lambda;
        this.weights = weights;
    }

    @Override
    public int numItems() {
        return items.size();
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public int itemIndex(String itemId) {
        return items.indexOf(itemId);
    }

    @Override
    public String itemId(int item) {
        return items.id(item);
    }

    /** B_ij, the weight of having item i in the history towards item j. */
    public float weight(int i, int j) {
        return weights[i * items.size() + j];
    }

    /**
     * The history row times B: Σ_i x_i B_ij for every item j.
     *
     * @param itemIndices the items of the history (model indices, each at most once)
     * @param values      their values x_i (1 each for the usual binary form)
     */
    public float[] scores(int[] itemIndices, float[] values) {
        if (itemIndices.length != values.length) {
            throw new IllegalArgumentException("items and values differ in length");
        }
        int n = items.size();
        float[] out = new float[n];
        for (int t = 0; t < itemIndices.length; t++) {
            Dense.axpy(values[t], weights, itemIndices[t] * n, out, 0, n);
        }
        return out;
    }

    /** {@link #scores(int[], float[])} by item ids; unknown items are ignored. */
    public float[] scores(Map<String, ? extends Number> history) {
        int[] idx = new int[history.size()];
        float[] vals = new float[history.size()];
        int n = 0;
        for (Map.Entry<String, ? extends Number> e : history.entrySet()) {
            int i = items.indexOf(e.getKey());
            if (i >= 0) {
                idx[n] = i;
                vals[n++] = e.getValue().floatValue();
            }
        }
        return scores(Arrays.copyOf(idx, n), Arrays.copyOf(vals, n));
    }

    /** The k best items for a history, best first, leaving out the history itself. */
    public int[] recommend(int[] itemIndices, float[] values, int k) {
        return TopK.select(scores(itemIndices, values), k, itemIndices);
    }

    /** EASE keeps nothing per user: always false (their history only shaped B, until the next training). */
    @Override
    public boolean erase(String userId) {
        return false;
    }

    // For the codec.
    String[] itemIds() {
        return items.ids();
    }

    float[] weightArray() {
        return weights;
    }
}
