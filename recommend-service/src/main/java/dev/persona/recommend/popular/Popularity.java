package dev.persona.recommend.popular;

import dev.persona.core.collect.LongIntMap;
import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.EventWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The popularity of every item, kept current event by event from the log, from which immutable
 * {@link PopularitySnapshot}s are taken. Per item it keeps three numbers:
 * <ul>
 * <li>POPULAR: {@code users(i)}, the number of distinct users with at least one non-impression event on i, all
 * time;</li>
 * <li>the event-weighted count {@code weighted(i) = Σ weights.of(kind, value)} over every non-impression event on
 * i (several events of one user all count), which breaks ties between equally popular items and ranks
 * categories;</li>
 * <li>TRENDING: the distinct users again, each discounted by the age of their latest event on the item:
 * {@code trending(i, now) = Σ_u 2^(−(now − last(u, i)) / h)} over the users u counted in {@code users(i)}, where
 * {@code last(u, i)} is the largest {@code atMillis} of u's non-impression events on i and h the half-life. A user
 * who came back yesterday counts almost 1, one last seen a half-life ago counts ½; with h → ∞ it is POPULAR.</li>
 * </ul>
 * Impressions are ignored entirely: they are shown items, not interest.
 *
 * <p>TRENDING is kept in O(1) per event with a running sum relative to a reference time {@code ref}:
 * {@code S(i) = Σ_u 2^((last(u, i) − ref) / h)}, so that {@code trending(i, now) = S(i) · 2^((ref − now) / h)}.
 * When a pair's latest event moves from t₀ to t₁ the sum changes by {@code 2^((t₁ − ref)/h) − 2^((t₀ − ref)/h)}.
 * Since the factor {@code 2^((ref − now)/h)} is the same for every item, the TRENDING order does not depend on
 * {@code now}. To keep the terms finite, once an event lies more than {@value #REBASE_HALF_LIVES} half-lives after
 * {@code ref}, {@code ref} moves to that event and every S(i) is scaled by {@code 2^((old ref − new ref)/h)} (O(items),
 * at most once per {@value #REBASE_HALF_LIVES} half-lives of log time). Terms more than about 1,000 half-lives older
 * than {@code ref} underflow to 0, which is their value to 300 decimal places anyway.
 *
 * <p>Erasing a user subtracts what their events added. For that it keeps one slot per distinct (user, item) pair
 * (item, latest event time, summed weight) and each user's list of slots. Memory: about 50 to 100 bytes per
 * distinct (user, item) pair (20 to 40 in the slot arrays, which grow by doubling, 24 to 48 in the pair table, 4 to
 * 8 in the user's list), 20 bytes per item and one map entry per user, plus the ids.
 *
 * <p>Not thread-safe: one writer feeds it (in log order) and takes snapshots; readers only ever see snapshots.
 */
public final class Popularity {

    /** Seven days, the default half-life of TRENDING. */
    public static final long DEFAULT_HALF_LIFE_MILLIS = 7L * 24 * 60 * 60 * 1000;

    /** How far (in half-lives) an event may lie after the reference time before the reference moves to it. */
    static final int REBASE_HALF_LIVES = 64;

    private static final double REBASE_EXPONENT = REBASE_HALF_LIVES * Math.log(2);

    private static final int FIRST_CAPACITY = 64;

    private final EventWeights weights;
    private final long halfLifeMillis;
    /** ln 2 / h, so that 2^((t − ref)/h) = exp((t − ref) · decayRate). */
    private final double decayRate;

    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final List<String> itemIds = new ArrayList<>();
    private int[] itemUsers = new int[FIRST_CAPACITY];
    private double[] itemWeighted = new double[FIRST_CAPACITY];
    private double[] itemTrend = new double[FIRST_CAPACITY];

    private final Map<String, Integer> userIndex = new HashMap<>();
    private int userCount;
    /** Per user index, the slots of their pairs in the first {@code userPairCount[u]} entries; null once erased. */
    private int[][] userPairs = new int[FIRST_CAPACITY][];
    private int[] userPairCount = new int[FIRST_CAPACITY];

    private final LongIntMap pairs = new LongIntMap();
    /** Per slot: the pair's item, its latest event time and its summed weight. */
    private int[] slotItem = new int[FIRST_CAPACITY];
    private long[] slotLast = new long[FIRST_CAPACITY];
    private double[] slotWeighted = new double[FIRST_CAPACITY];
    private int slotCount;
    /** Slots freed by erasures, reused before new ones. */
    private int[] freeSlots = new int[0];
    private int freeCount;

    private long ref;
    private boolean hasRef;

    /** Default weights and the default half-life of seven days. */
    public Popularity() {
        this(EventWeights.DEFAULT, DEFAULT_HALF_LIFE_MILLIS);
    }

    /**
     * @param weights        the weight of each event in {@code weighted(i)}
     * @param halfLifeMillis the half-life h of TRENDING, at least 1 ms
     */
    public Popularity(EventWeights weights, long halfLifeMillis) {
        if (halfLifeMillis < 1) {
            throw new IllegalArgumentException("halfLifeMillis must be at least 1, got " + halfLifeMillis);
        }
        this.weights = weights;
        this.halfLifeMillis = halfLifeMillis;
        this.decayRate = Math.log(2) / halfLifeMillis;
    }

    /**
     * Takes in one event of the log, in log order (times need not increase: an older event of a pair adds to its
     * weight but leaves its latest time). Impressions are skipped. O(1): two map lookups, one pair-table probe and,
     * when the pair's latest time moves, two exponentials.
     *
     * @param value the rating for {@link EventKind#RATING}, else anything (used only by the weights)
     * @throws IllegalArgumentException when the event's weight is not finite (a NaN or infinite rating)
     */
    public void add(String userId, String itemId, EventKind kind, double value, long atMillis) {
        if (kind == EventKind.IMPRESSION) {
            return;
        }
        double weight = weights.of(kind, value);
        if (!Double.isFinite(weight)) {
            throw new IllegalArgumentException("the weight of " + kind + " with value " + value + " is " + weight);
        }
        int u = userOf(userId);
        int i = itemOf(itemId);
        long key = LongIntMap.key(u, i);
        int slot = pairs.get(key);
        if (slot < 0) {
            slot = newSlot(i, atMillis, weight);
            pairs.put(key, slot);
            appendUserPair(u, slot);
            itemUsers[i]++;
            // Computed before itemTrend[i] is read: growth may rebase, which rescales every S(i).
            double term = growth(atMillis);
            itemTrend[i] += term;
        } else {
            slotWeighted[slot] += weight;
            long last = slotLast[slot];
            if (atMillis > last) {
                double delta = growth(atMillis);
                delta -= growth(last);
                itemTrend[i] += delta;
                slotLast[slot] = atMillis;
            }
        }
        itemWeighted[i] += weight;
    }

    /**
     * Subtracts everything the user's events added and forgets the user's id; later events of the same id count
     * afresh. O(the user's distinct items). Returns whether the user had any counted event.
     */
    public boolean eraseUser(String userId) {
        Integer boxed = userIndex.remove(userId);
        if (boxed == null) {
            return false;
        }
        int u = boxed;
        int[] mine = userPairs[u];
        int count = userPairCount[u];
        for (int p = 0; p < count; p++) {
            int slot = mine[p];
            int i = slotItem[slot];
            pairs.remove(LongIntMap.key(u, i));
            int users = --itemUsers[i];
            if (users == 0) {
                // Exact zeros rather than the rounding left by subtractions.
                itemWeighted[i] = 0;
                itemTrend[i] = 0;
            } else {
                itemWeighted[i] -= slotWeighted[slot];
                itemTrend[i] = Math.max(0, itemTrend[i] - growth(slotLast[slot]));
            }
            freeSlot(slot);
        }
        userPairs[u] = null;
        userPairCount[u] = 0;
        return count > 0;
    }

    /**
     * An immutable picture of the counts now; later events and erasures do not change it. O(I log I) for I items
     * with at least one user (two sorts).
     */
    public PopularitySnapshot snapshot() {
        int items = itemIds.size();
        int live = 0;
        for (int i = 0; i < items; i++) {
            if (itemUsers[i] > 0) {
                live++;
            }
        }
        String[] ids = new String[live];
        double[] users = new double[live];
        double[] weighted = new double[live];
        double[] trend = new double[live];
        int at = 0;
        for (int i = 0; i < items; i++) {
            if (itemUsers[i] > 0) {
                ids[at] = itemIds.get(i);
                users[at] = itemUsers[i];
                weighted[at] = itemWeighted[i];
                trend[at] = itemTrend[i];
                at++;
            }
        }
        return new PopularitySnapshot(ids, users, weighted, trend, hasRef ? ref : 0, halfLifeMillis);
    }

    /** The half-life h of TRENDING, in milliseconds. */
    public long halfLifeMillis() {
        return halfLifeMillis;
    }

    /** Number of distinct (user, item) pairs currently counted. */
    public int pairs() {
        return pairs.size();
    }

    /**
     * {@code 2^((t − ref)/h)}; the first event sets {@code ref}, and an event more than {@value #REBASE_HALF_LIVES}
     * half-lives after it moves {@code ref} first (see the class comment).
     */
    private double growth(long atMillis) {
        if (!hasRef) {
            ref = atMillis;
            hasRef = true;
        }
        double exponent = (double) (atMillis - ref) * decayRate;
        if (exponent > REBASE_EXPONENT) {
            rebase(atMillis);
            exponent = 0;
        }
        return Math.exp(exponent);
    }

    private void rebase(long newRef) {
        double factor = Math.exp((double) (ref - newRef) * decayRate);
        int items = itemIds.size();
        for (int i = 0; i < items; i++) {
            itemTrend[i] *= factor;
        }
        ref = newRef;
    }

    private int itemOf(String itemId) {
        Integer known = itemIndex.get(itemId);
        if (known != null) {
            return known;
        }
        if (itemId == null) {
            throw new IllegalArgumentException("itemId must not be null");
        }
        int next = itemIds.size();
        if (next == itemUsers.length) {
            int capacity = next * 2;
            itemUsers = Arrays.copyOf(itemUsers, capacity);
            itemWeighted = Arrays.copyOf(itemWeighted, capacity);
            itemTrend = Arrays.copyOf(itemTrend, capacity);
        }
        itemIndex.put(itemId, next);
        itemIds.add(itemId);
        return next;
    }

    private int userOf(String userId) {
        Integer known = userIndex.get(userId);
        if (known != null) {
            return known;
        }
        if (userId == null) {
            throw new IllegalArgumentException("userId must not be null");
        }
        int next = userCount++;
        if (next == userPairs.length) {
            userPairs = Arrays.copyOf(userPairs, next * 2);
            userPairCount = Arrays.copyOf(userPairCount, next * 2);
        }
        userIndex.put(userId, next);
        return next;
    }

    private void appendUserPair(int u, int slot) {
        int[] mine = userPairs[u];
        int count = userPairCount[u];
        if (mine == null) {
            mine = userPairs[u] = new int[2];
        } else if (count == mine.length) {
            mine = userPairs[u] = Arrays.copyOf(mine, count + (count >> 1) + 1);
        }
        mine[count] = slot;
        userPairCount[u] = count + 1;
    }

    private int newSlot(int i, long atMillis, double weight) {
        int slot;
        if (freeCount > 0) {
            slot = freeSlots[--freeCount];
        } else {
            slot = slotCount++;
            if (slot == slotItem.length) {
                int capacity = slot * 2;
                slotItem = Arrays.copyOf(slotItem, capacity);
                slotLast = Arrays.copyOf(slotLast, capacity);
                slotWeighted = Arrays.copyOf(slotWeighted, capacity);
            }
        }
        slotItem[slot] = i;
        slotLast[slot] = atMillis;
        slotWeighted[slot] = weight;
        return slot;
    }

    private void freeSlot(int slot) {
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, Math.max(16, freeCount * 2));
        }
        freeSlots[freeCount++] = slot;
    }
}
