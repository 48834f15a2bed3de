package dev.persona.recommend.popular;

import java.util.Arrays;

/**
 * The (user, item) pairs seen so far, keyed by {@code user << 32 | item} and mapped to a slot number: open
 * addressing with linear probing in two primitive arrays, kept at most half full, and backward-shift deletion (no
 * tombstones), so that lookups stay short after erasures. A lookup costs one multiplication and, on average, under
 * two probes. (Keys and values side by side in one array measured slower: the larger table misses more.) Not
 * thread-safe. Memory: 24 to 48 bytes per pair (12 per position of the table, which is between a quarter and a half
 * full).
 */
final class PairTable {

    private static final long EMPTY = -1;
    private static final int FIRST_CAPACITY = 1 << 10;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;
    private int shift;

    PairTable() {
        allocate(FIRST_CAPACITY);
    }

    /** The key of a pair; both indices are non-negative, so keys never collide with the empty marker. */
    static long key(int user, int item) {
        return ((long) user << 32) | item;
    }

    /** The slot of {@code key}, or -1 when the pair is absent. */
    int get(long key) {
        long[] k = keys;
        for (int p = home(key); ; p = (p + 1) & mask) {
            long at = k[p];
            if (at == key) {
                return values[p];
            }
            if (at == EMPTY) {
                return -1;
            }
        }
    }

    /** Maps an absent {@code key} to {@code value}; the caller has checked with {@link #get} that it is absent. */
    void putAbsent(long key, int value) {
        if (2 * (size + 1) > keys.length) {
            rehash(keys.length * 2);
        }
        int p = home(key);
        while (keys[p] != EMPTY) {
            p = (p + 1) & mask;
        }
        keys[p] = key;
        values[p] = value;
        size++;
    }

    /** Removes {@code key} if present, moving later entries of its probe run back into the gap. */
    void remove(long key) {
        int gap = home(key);
        while (keys[gap] != key) {
            if (keys[gap] == EMPTY) {
                return;
            }
            gap = (gap + 1) & mask;
        }
        size--;
        for (int j = (gap + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int want = home(keys[j]);
            // The entry at j may fill the gap unless its home lies cyclically in (gap, j].
            boolean reachable = gap <= j ? gap < want && want <= j : gap < want || want <= j;
            if (!reachable) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                gap = j;
            }
        }
        keys[gap] = EMPTY;
    }

    int size() {
        return size;
    }

    /** Fibonacci hashing: the top bits of the key times 2^64 / φ, which mix every bit of the key. */
    private int home(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
        shift = Long.numberOfLeadingZeros(capacity - 1);
        size = 0;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(capacity);
        for (int p = 0; p < oldKeys.length; p++) {
            if (oldKeys[p] != EMPTY) {
                putAbsent(oldKeys[p], oldValues[p]);
            }
        }
    }
}
