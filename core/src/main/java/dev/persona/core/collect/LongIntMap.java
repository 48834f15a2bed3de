package dev.persona.core.collect;

import java.util.Arrays;

/**
 * A map from non-negative long keys to int values in two primitive arrays: open addressing with linear probing and
 * backward-shift deletion (no tombstones), so lookups stay short after many removals. Kept at most half full: 24 to
 * 48 bytes per entry. Used for (user, item) pairs keyed by {@link #key(int, int)}. Not thread-safe.
 */
public final class LongIntMap {

    private static final long EMPTY = -1;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    public LongIntMap() {
        allocate(1024);
    }

    /** The key of a pair of non-negative ints: {@code a << 32 | b}. */
    public static long key(int a, int b) {
        return ((long) a << 32) | b;
    }

    /** The value of {@code key}, or -1 when absent. */
    public int get(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    /** Maps {@code key} (≥ 0) to {@code value}, replacing any earlier value. */
    public void put(long key, int value) {
        if (key < 0) {
            throw new IllegalArgumentException("keys must be ≥ 0, got " + key);
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        for (int i = slot(key); ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            if (keys[i] == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    /** Removes {@code key} if present, shifting later entries of its probe run back into the gap. */
    public void remove(long key) {
        int i = slot(key);
        while (keys[i] != key) {
            if (keys[i] == EMPTY) {
                return;
            }
            i = (i + 1) & mask;
        }
        size--;
        for (int gap = i, j = (i + 1) & mask; ; j = (j + 1) & mask) {
            if (keys[j] == EMPTY) {
                keys[gap] = EMPTY;
                return;
            }
            int home = slot(keys[j]);
            // Move j into the gap unless its home lies cyclically in (gap, j].
            boolean stays = gap <= j ? gap < home && home <= j : gap < home || home <= j;
            if (!stays) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                gap = j;
            }
        }
    }

    public int size() {
        return size;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
