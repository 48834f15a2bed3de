package dev.persona.recommend.model;

import java.util.Arrays;
import java.util.Map;

/**
 * What the two ALS models share: user and item ids with their indices, and a row of {@code factors} floats per user
 * and per item (row-major). Reads are safe alongside {@link #eraseFactors}.
 */
public abstract sealed class FactorModel implements TrainedModel permits ExplicitAlsModel, ImplicitAlsModel {

    final IdIndex users;
    final IdIndex items;
    final int factors;
    final float[] userFactors;
    final float[] itemFactors;

    FactorModel(String[] userIds, String[] itemIds, int factors, float[] userFactors, float[] itemFactors) {
        if (userFactors.length != (long) userIds.length * factors
                || itemFactors.length != (long) itemIds.length * factors) {
            throw new IllegalArgumentException("array sizes do not match the dimensions");
        }
        this.users = new IdIndex(userIds);
        this.items = new IdIndex(itemIds);
        this.factors = factors;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
    }

    public int numUsers() {
        return users.size();
    }

    @Override
    public int numItems() {
        return items.size();
    }

    public int factors() {
        return factors;
    }

    /** The index of a user id, −1 when unknown or erased. */
    public int userIndex(String userId) {
        return users.indexOf(userId);
    }

    /** The id of a user index, null when erased. */
    public String userId(int user) {
        return users.id(user);
    }

    @Override
    public int itemIndex(String itemId) {
        return items.indexOf(itemId);
    }

    @Override
    public String itemId(int item) {
        return items.id(item);
    }

    /** A copy of a user's factors. */
    public float[] userFactors(int user) {
        return Arrays.copyOfRange(userFactors, user * factors, user * factors + factors);
    }

    /** A copy of an item's factors. */
    public float[] itemFactors(int item) {
        return Arrays.copyOfRange(itemFactors, item * factors, item * factors + factors);
    }

    /** Drops the user's id and zeroes their factors; returns their former index, −1 when unknown. */
    int eraseFactors(String userId) {
        int u = users.erase(userId);
        if (u >= 0) {
            Arrays.fill(userFactors, u * factors, u * factors + factors, 0f);
        }
        return u;
    }

    /** The known items of {@code byItem} as model indices and float values, in its order; unknown items left out. */
    Known known(Map<String, ? extends Number> byItem) {
        int[] idx = new int[byItem.size()];
        float[] vals = new float[byItem.size()];
        int n = 0;
        for (Map.Entry<String, ? extends Number> e : byItem.entrySet()) {
            int i = items.indexOf(e.getKey());
            if (i >= 0) {
                idx[n] = i;
                vals[n++] = e.getValue().floatValue();
            }
        }
        return new Known(Arrays.copyOf(idx, n), Arrays.copyOf(vals, n));
    }

    /** Item indices and their values. */
    record Known(int[] items, float[] values) {
    }

    // For the codec.
    String[] userIds() {
        return users.ids();
    }

    String[] itemIds() {
        return items.ids();
    }

    float[] userFactorArray() {
        return userFactors;
    }

    float[] itemFactorArray() {
        return itemFactors;
    }
}
