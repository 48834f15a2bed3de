package dev.persona.similarity.log;

import java.util.Arrays;

/** A growable list of ints in one array; removal swaps the last element in, so order is not kept. */
final class IntList {

    private int[] data = new int[4];
    private int size;

    void add(int value) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = value;
    }

    /** Removes one occurrence of {@code value}, if any. */
    void removeValue(int value) {
        for (int i = 0; i < size; i++) {
            if (data[i] == value) {
                data[i] = data[--size];
                return;
            }
        }
    }

    int get(int index) {
        return data[index];
    }

    int size() {
        return size;
    }

    void clear() {
        data = new int[4];
        size = 0;
    }
}
