package dev.persona.similarity.log;

import dev.persona.core.collect.LongIntMap;
import dev.persona.core.similarity.IdIndex;
import dev.persona.core.similarity.DuplicatePolicy;
import dev.persona.core.similarity.InteractionMatrix;
import dev.persona.core.similarity.Metric;
import dev.persona.core.similarity.PairSimilarity;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * One tenant's interaction log as similarity needs it, kept current event by event: one value per (user, item) pair,
 * with each user's and each item's pairs at hand, so that it can both snapshot the whole matrix for a build and score
 * one pair on demand. Several events of a pair combine into one value: the latest rating (in log order) when the pair
 * has a rating, else the largest event weight. Erasing a user removes all of their pairs.
 *
 * <p>Not thread-safe: the owner serialises writers and readers. Memory: about 60 bytes per pair plus the ids.
 */
public final class InteractionLog {

    private final IdIndex users = new IdIndex();
    private final IdIndex items = new IdIndex();
    private final LongIntMap pairIndex = new LongIntMap();
    private int[] slotUser = new int[1024];
    private int[] slotItem = new int[1024];
    private double[] slotValue = new double[1024];
    private boolean[] slotRated = new boolean[1024];
    private int slots;
    private IntList[] userSlots = new IntList[256];
    private IntList[] itemSlots = new IntList[256];
    private long[] sequences = new long[1024];
    private int events;
    private long cursor;

    /**
     * Takes in one event of the log, in log order. A rating sets the pair's value (later ratings replace earlier
     * ones); any other event raises a pair without a rating to its weight if that is larger.
     *
     * @param sequence the event's log sequence, greater than every sequence taken in before
     */
    public void append(long sequence, String userId, String itemId, double value, boolean rating) {
        if (sequence <= cursor) {
            throw new IllegalArgumentException("sequence " + sequence + " is not after the log's cursor " + cursor);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value of (" + userId + ", " + itemId + ") is " + value);
        }
        int u = users.add(userId);
        int i = items.add(itemId);
        long key = LongIntMap.key(u, i);
        int slot = pairIndex.get(key);
        if (slot < 0) {
            slot = newSlot(u, i, value, rating);
            pairIndex.put(key, slot);
            slotsOf(true, u).add(slot);
            slotsOf(false, i).add(slot);
        } else if (rating) {
            slotValue[slot] = value;
            slotRated[slot] = true;
        } else if (!slotRated[slot] && value > slotValue[slot]) {
            slotValue[slot] = value;
        }
        if (events == sequences.length) {
            sequences = Arrays.copyOf(sequences, events * 2);
        }
        sequences[events++] = sequence;
        cursor = sequence;
    }

    /** Moves the cursor past events that carry nothing for similarity (for example impressions). */
    public void skipTo(long sequence) {
        cursor = Math.max(cursor, sequence);
    }

    /** Removes every pair of the user; returns whether the user had any. */
    public boolean eraseUser(String userId) {
        int u = users.indexOf(userId);
        if (u < 0 || u >= userSlots.length || userSlots[u] == null || userSlots[u].size() == 0) {
            return false;
        }
        IntList mine = userSlots[u];
        for (int p = 0; p < mine.size(); p++) {
            int slot = mine.get(p);
            int i = slotItem[slot];
            pairIndex.remove(LongIntMap.key(u, i));
            itemSlots[i].removeValue(slot);
            slotUser[slot] = -1;
        }
        mine.clear();
        return true;
    }

    /** The last sequence taken in (0 for an empty log). */
    public long cursor() {
        return cursor;
    }

    /** Events taken in, including those of users erased since. */
    public long events() {
        return events;
    }

    /** Number of (user, item) pairs currently held. */
    public int pairs() {
        return pairIndex.size();
    }

    /** Events taken in whose sequence is greater than {@code sequence}. */
    public long eventsAfter(long sequence) {
        int at = Arrays.binarySearch(sequences, 0, events, sequence);
        int firstAfter = at >= 0 ? at + 1 : -at - 1;
        return events - firstAfter;
    }

    /** Whether the user has at least one pair. */
    public boolean hasUser(String userId) {
        return size(true, users.indexOf(userId)) > 0;
    }

    /** Whether the item has at least one pair. */
    public boolean hasItem(String itemId) {
        return size(false, items.indexOf(itemId)) > 0;
    }

    /**
     * The matrix of every pair whose user {@code includeUser} accepts; rows and columns are the users and items that
     * keep at least one pair, in ascending id order. Values are 1 with {@code binary}.
     */
    public Snapshot snapshot(boolean binary, Predicate<String> includeUser) {
        String[] userIds = liveIds(true, includeUser);
        int[] userRow = denseIndex(users, userIds);
        int[] pairUsers = new int[pairIndex.size()];
        int[] pairItems = new int[pairIndex.size()];
        double[] pairValues = new double[pairIndex.size()];
        boolean[] itemUsed = new boolean[items.size()];
        int count = 0;
        for (int slot = 0; slot < slots; slot++) {
            int u = slotUser[slot];
            if (u >= 0 && userRow[u] >= 0) {
                pairUsers[count] = userRow[u];
                pairItems[count] = slotItem[slot];
                pairValues[count] = slotValue[slot];
                itemUsed[slotItem[slot]] = true;
                count++;
            }
        }
        String[] itemIds = usedIds(items, itemUsed);
        int[] itemCol = denseIndex(items, itemIds);
        for (int p = 0; p < count; p++) {
            pairItems[p] = itemCol[pairItems[p]];
        }
        InteractionMatrix matrix = InteractionMatrix.fromTriples(userIds.length, itemIds.length, pairUsers, pairItems,
                pairValues, count, DuplicatePolicy.LAST, binary);
        return new Snapshot(matrix, userIds, itemIds, cursor, events);
    }

    /**
     * The exact similarity of two items ({@code itemSide}) or two users over the current pairs, as
     * {@link PairSimilarity} defines it; an id without pairs scores 0 with support 0.
     */
    public PairSimilarity.Score similarity(boolean itemSide, String a, String b, Metric metric, double shrinkage,
                                           boolean binary) {
        IdIndex index = itemSide ? items : users;
        int ia = index.indexOf(a);
        int ib = index.indexOf(b);
        boolean rows = !itemSide;
        if (size(rows, ia) == 0 || size(rows, ib) == 0) {
            return new PairSimilarity.Score(0, 0);
        }
        Vector va = vector(rows, ia, binary);
        Vector vb = vector(rows, ib, binary);
        return PairSimilarity.of(metric, shrinkage, va.features, va.values, vb.features, vb.values,
                feature -> mean(!rows, feature, binary));
    }

    private record Vector(int[] features, double[] values) {
    }

    /** A user's items ({@code userSide}) or an item's users, by ascending feature index. */
    private Vector vector(boolean userSide, int index, boolean binary) {
        IntList list = (userSide ? userSlots : itemSlots)[index];
        long[] packed = new long[list.size()];
        for (int p = 0; p < packed.length; p++) {
            int slot = list.get(p);
            packed[p] = ((long) (userSide ? slotItem[slot] : slotUser[slot]) << 32) | slot;
        }
        Arrays.sort(packed);
        int[] features = new int[packed.length];
        double[] values = new double[packed.length];
        for (int p = 0; p < packed.length; p++) {
            int slot = (int) packed[p];
            features[p] = (int) (packed[p] >>> 32);
            values[p] = binary ? 1 : slotValue[slot];
        }
        return new Vector(features, values);
    }

    /** Mean of the values of a user ({@code userSide}) or an item. */
    private double mean(boolean userSide, int index, boolean binary) {
        IntList list = (userSide ? userSlots : itemSlots)[index];
        if (binary) {
            return 1;
        }
        double sum = 0;
        for (int p = 0; p < list.size(); p++) {
            sum += slotValue[list.get(p)];
        }
        return sum / list.size();
    }

    private int size(boolean userSide, int index) {
        IntList[] lists = userSide ? userSlots : itemSlots;
        return index < 0 || index >= lists.length || lists[index] == null ? 0 : lists[index].size();
    }

    private IntList slotsOf(boolean userSide, int index) {
        IntList[] lists = userSide ? userSlots : itemSlots;
        if (index >= lists.length) {
            lists = Arrays.copyOf(lists, Math.max(index + 1, lists.length * 2));
            if (userSide) {
                userSlots = lists;
            } else {
                itemSlots = lists;
            }
        }
        if (lists[index] == null) {
            lists[index] = new IntList();
        }
        return lists[index];
    }

    private int newSlot(int u, int i, double value, boolean rating) {
        if (slots == slotUser.length) {
            int capacity = slots * 2;
            slotUser = Arrays.copyOf(slotUser, capacity);
            slotItem = Arrays.copyOf(slotItem, capacity);
            slotValue = Arrays.copyOf(slotValue, capacity);
            slotRated = Arrays.copyOf(slotRated, capacity);
        }
        slotUser[slots] = u;
        slotItem[slots] = i;
        slotValue[slots] = value;
        slotRated[slots] = rating;
        return slots++;
    }

    private String[] liveIds(boolean userSide, Predicate<String> include) {
        IdIndex index = userSide ? users : items;
        return IntStream.range(0, index.size())
                .filter(x -> size(userSide, x) > 0)
                .mapToObj(index::id)
                .filter(include)
                .sorted()
                .toArray(String[]::new);
    }

    private static String[] usedIds(IdIndex index, boolean[] used) {
        return IntStream.range(0, used.length).filter(x -> used[x]).mapToObj(index::id).sorted()
                .toArray(String[]::new);
    }

    /** For every index of {@code index}, its position in {@code sortedIds}, or -1. */
    private static int[] denseIndex(IdIndex index, String[] sortedIds) {
        int[] dense = new int[index.size()];
        Arrays.fill(dense, -1);
        for (int d = 0; d < sortedIds.length; d++) {
            dense[index.indexOf(sortedIds[d])] = d;
        }
        return dense;
    }
}
