package dev.persona.core.similarity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A two-way mapping between external string ids and dense indices 0..size-1. Indices are handed out in the order
 * ids are first seen, so the same input sequence always gives the same indices.
 */
public final class IdIndex {

    private final Map<String, Integer> indexById = new HashMap<>();
    private final List<String> ids = new ArrayList<>();

    /** Returns the index of {@code id}, giving it the next free index if it was not seen before. */
    public int add(String id) {
        Integer index = indexById.get(id);
        if (index != null) {
            return index;
        }
        if (id == null) {
            throw new IllegalArgumentException("id must not be null");
        }
        int next = ids.size();
        indexById.put(id, next);
        ids.add(id);
        return next;
    }

    /** Returns the index of {@code id}, or -1 if it was never added. */
    public int indexOf(String id) {
        Integer index = indexById.get(id);
        return index == null ? -1 : index;
    }

    /** Returns the id that holds {@code index}. */
    public String id(int index) {
        return ids.get(index);
    }

    /** Number of distinct ids added so far. */
    public int size() {
        return ids.size();
    }
}
