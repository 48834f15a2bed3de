package dev.persona.recommend.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A compact users × items matrix of interaction values (ratings, or implicit weights), ids mapped to dense indices
 * 0..n−1, stored twice in compressed sparse rows: by user (items ascending) and by item (users ascending). Every
 * stored value is finite; a pair appears once. Immutable.
 */
public final class Interactions {

    /** What to do with a pair given more than once. */
    public enum Duplicates {
        /** Add the values (implicit weights). */
        SUM,
        /** Keep the last value given (ratings). */
        LAST,
        /** Keep the largest value. */
        MAX
    }

    private final String[] userIds;
    private final String[] itemIds;
    private final Map<String, Integer> userIndex;
    private final Map<String, Integer> itemIndex;
    private final int[] userPtr;
    private final int[] userItems;
    private final float[] userValues;
    private final int[] itemPtr;
    private final int[] itemUsers;
    private final float[] itemValues;

    private Interactions(String[] userIds, String[] itemIds, int[] userPtr, int[] userItems, float[] userValues) {
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.userIndex = indexOf(userIds);
        this.itemIndex = indexOf(itemIds);
        this.userPtr = userPtr;
        this.userItems = userItems;
        this.userValues = userValues;
        int nItems = itemIds.length;
        int nnz = userItems.length;
        itemPtr = new int[nItems + 1];
        for (int k = 0; k < nnz; k++) {
            itemPtr[userItems[k] + 1]++;
        }
        for (int i = 0; i < nItems; i++) {
            itemPtr[i + 1] += itemPtr[i];
        }
        itemUsers = new int[nnz];
        itemValues = new float[nnz];
        int[] next = Arrays.copyOf(itemPtr, nItems);
        for (int u = 0; u < userIds.length; u++) {
            for (int k = userPtr[u]; k < userPtr[u + 1]; k++) {
                int slot = next[userItems[k]]++;
                itemUsers[slot] = u;
                itemValues[slot] = userValues[k];
            }
        }
    }

    private static Map<String, Integer> indexOf(String[] ids) {
        Map<String, Integer> index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (index.put(ids[i], i) != null) {
                throw new IllegalArgumentException("id given twice: " + ids[i]);
            }
        }
        return index;
    }

    /**
     * The matrix of the given triples in dense indices.
     *
     * @param userIds the id of each user index (distinct)
     * @param itemIds the id of each item index (distinct)
     * @param users   user index of each triple
     * @param items   item index of each triple
     * @param values  value of each triple (finite)
     */
    public static Interactions of(String[] userIds, String[] itemIds, int[] users, int[] items, float[] values,
                                  Duplicates duplicates) {
        int n = users.length;
        if (items.length != n || values.length != n) {
            throw new IllegalArgumentException("users, items and values differ in length");
        }
        int nUsers = userIds.length;
        int nItems = itemIds.length;
        int[] ptr = new int[nUsers + 1];
        for (int k = 0; k < n; k++) {
            if (users[k] < 0 || users[k] >= nUsers || items[k] < 0 || items[k] >= nItems) {
                throw new IllegalArgumentException("index out of range at triple " + k);
            }
            if (!Float.isFinite(values[k])) {
                throw new IllegalArgumentException("value not finite at triple " + k + ": " + values[k]);
            }
            ptr[users[k] + 1]++;
        }
        for (int u = 0; u < nUsers; u++) {
            ptr[u + 1] += ptr[u];
        }
        // Bucket by user, keeping input order within a user, then sort each row by item (stable, so LAST works).
        int[] order = new int[n];
        int[] next = Arrays.copyOf(ptr, nUsers);
        for (int k = 0; k < n; k++) {
            order[next[users[k]]++] = k;
        }
        int[] outPtr = new int[nUsers + 1];
        int[] outItems = new int[n];
        float[] outValues = new float[n];
        int out = 0;
        long[] keys = new long[0];
        for (int u = 0; u < nUsers; u++) {
            int from = ptr[u];
            int len = ptr[u + 1] - from;
            if (keys.length < len) {
                keys = new long[Math.max(len, keys.length * 2)];
            }
            for (int t = 0; t < len; t++) {
                int k = order[from + t];
                keys[t] = ((long) items[k] << 32) | t; // item, then input position: a stable sort
            }
            Arrays.sort(keys, 0, len);
            for (int t = 0; t < len; t++) {
                int k = order[from + (int) keys[t]];
                int item = (int) (keys[t] >>> 32);
                if (out > outPtr[u] && outItems[out - 1] == item) {
                    float v = values[k];
                    switch (duplicates) {
                        case SUM -> outValues[out - 1] += v;
                        case LAST -> outValues[out - 1] = v;
                        case MAX -> outValues[out - 1] = Math.max(outValues[out - 1], v);
                        default -> throw new IllegalStateException();
                    }
                } else {
                    outItems[out] = item;
                    outValues[out] = values[k];
                    out++;
                }
            }
            outPtr[u + 1] = out;
        }
        return new Interactions(userIds.clone(), itemIds.clone(), outPtr, Arrays.copyOf(outItems, out),
                Arrays.copyOf(outValues, out));
    }

    /** A builder taking triples by id; ids get dense indices in order of first appearance. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects (user, item, value) triples by id. */
    public static final class Builder {
        private final Map<String, Integer> users = new HashMap<>();
        private final Map<String, Integer> items = new HashMap<>();
        private int[] u = new int[1024];
        private int[] i = new int[1024];
        private float[] v = new float[1024];
        private int size;

        private Builder() {
        }

        /** Adds one triple. */
        public Builder add(String user, String item, float value) {
            if (size == u.length) {
                u = Arrays.copyOf(u, size * 2);
                i = Arrays.copyOf(i, size * 2);
                v = Arrays.copyOf(v, size * 2);
            }
            u[size] = users.computeIfAbsent(user, k -> users.size());
            i[size] = items.computeIfAbsent(item, k -> items.size());
            v[size] = value;
            size++;
            return this;
        }

        /** The matrix of the triples added so far. */
        public Interactions build(Duplicates duplicates) {
            return of(ids(users), ids(items), Arrays.copyOf(u, size), Arrays.copyOf(i, size), Arrays.copyOf(v, size),
                    duplicates);
        }

        private static String[] ids(Map<String, Integer> index) {
            String[] ids = new String[index.size()];
            index.forEach((id, k) -> ids[k] = id);
            return ids;
        }
    }

    /** The same matrix with every value replaced by 1. */
    public Interactions binarised() {
        float[] ones = new float[userValues.length];
        Arrays.fill(ones, 1f);
        return new Interactions(userIds, itemIds, userPtr, userItems, ones);
    }

    public int numUsers() {
        return userIds.length;
    }

    public int numItems() {
        return itemIds.length;
    }

    /** Number of stored pairs. */
    public int size() {
        return userItems.length;
    }

    public String userId(int user) {
        return userIds[user];
    }

    public String itemId(int item) {
        return itemIds[item];
    }

    /** The index of a user id, −1 when absent. */
    public int userIndex(String userId) {
        Integer index = userIndex.get(userId);
        return index == null ? -1 : index;
    }

    /** The index of an item id, −1 when absent. */
    public int itemIndex(String itemId) {
        Integer index = itemIndex.get(itemId);
        return index == null ? -1 : index;
    }

    /** A copy of the user ids by index. */
    public String[] userIds() {
        return userIds.clone();
    }

    /** A copy of the item ids by index. */
    public String[] itemIds() {
        return itemIds.clone();
    }

    /** The sum of all values. */
    public double sum() {
        double sum = 0;
        for (float value : userValues) {
            sum += value;
        }
        return sum;
    }

    // CSR access for the trainers (no copies): rows by user, then rows by item.

    int[] userPtr() {
        return userPtr;
    }

    int[] userItems() {
        return userItems;
    }

    float[] userValues() {
        return userValues;
    }

    int[] itemPtr() {
        return itemPtr;
    }

    int[] itemUsers() {
        return itemUsers;
    }

    float[] itemValues() {
        return itemValues;
    }

    /** The items of a user, ascending (a copy). */
    public int[] itemsOf(int user) {
        return Arrays.copyOfRange(userItems, userPtr[user], userPtr[user + 1]);
    }

    /** The values of a user's items, in the order of {@link #itemsOf} (a copy). */
    public float[] valuesOf(int user) {
        return Arrays.copyOfRange(userValues, userPtr[user], userPtr[user + 1]);
    }

    /** The value of a pair, 0 when absent. */
    public float get(int user, int item) {
        int k = Arrays.binarySearch(userItems, userPtr[user], userPtr[user + 1], item);
        return k >= 0 ? userValues[k] : 0f;
    }
}
