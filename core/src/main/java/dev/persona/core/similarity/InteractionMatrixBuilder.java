package dev.persona.core.similarity;

import java.util.Arrays;

/**
 * Collects interactions by external user and item ids and builds an {@link InteractionMatrix}. Ids get dense indices
 * in first-seen order ({@link IdIndex}). The caller turns each event into a weight (for example one weight per event
 * type); {@link #binary(boolean)} ignores the weights and stores 1 for every pair that occurred.
 */
public final class InteractionMatrixBuilder {

    private final IdIndex users = new IdIndex();
    private final IdIndex items = new IdIndex();
    private int[] userOf = new int[1024];
    private int[] itemOf = new int[1024];
    private double[] weightOf = new double[1024];
    private int count;
    private DuplicatePolicy duplicates = DuplicatePolicy.SUM;
    private boolean binary;

    /** How repeated (user, item) pairs merge; {@link DuplicatePolicy#SUM} unless set. */
    public InteractionMatrixBuilder duplicates(DuplicatePolicy policy) {
        this.duplicates = policy;
        return this;
    }

    /** Whether every stored value becomes 1; false unless set. */
    public InteractionMatrixBuilder binary(boolean binary) {
        this.binary = binary;
        return this;
    }

    /**
     * Records one interaction of {@code userId} with {@code itemId} weighing {@code weight} (at most
     * {@link SparseRows#MAX_WEIGHT} in magnitude).
     */
    public InteractionMatrixBuilder add(String userId, String itemId, double weight) {
        if (!(Math.abs(weight) <= SparseRows.MAX_WEIGHT)) {
            throw new IllegalArgumentException("weight of (" + userId + ", " + itemId + ") is " + weight
                    + ", outside ±" + SparseRows.MAX_WEIGHT);
        }
        if (count == userOf.length) {
            int capacity = count * 2;
            userOf = Arrays.copyOf(userOf, capacity);
            itemOf = Arrays.copyOf(itemOf, capacity);
            weightOf = Arrays.copyOf(weightOf, capacity);
        }
        userOf[count] = users.add(userId);
        itemOf[count] = items.add(itemId);
        weightOf[count] = weight;
        count++;
        return this;
    }

    /** Builds the matrix of everything added so far; rows follow {@link #users()}, columns {@link #items()}. */
    public InteractionMatrix build() {
        return InteractionMatrix.fromTriples(users.size(), items.size(), userOf, itemOf, weightOf, count, duplicates,
                binary);
    }

    /** Dense user indices (matrix rows). */
    public IdIndex users() {
        return users;
    }

    /** Dense item indices (matrix columns). */
    public IdIndex items() {
        return items;
    }

    /** Number of interactions added (before merging duplicates). */
    public int interactions() {
        return count;
    }
}
