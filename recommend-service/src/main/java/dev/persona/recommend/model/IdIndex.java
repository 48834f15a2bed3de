package dev.persona.recommend.model;

import java.util.HashMap;
import java.util.Map;

/** Ids by dense index and back; an erased id leaves a hole (null) so that other indices do not move. */
final class IdIndex {

    private final String[] ids;
    private final Map<String, Integer> index;

    IdIndex(String[] ids) {
        this.ids = ids.clone();
        this.index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != null && index.put(ids[i], i) != null) {
                throw new IllegalArgumentException("id given twice: " + ids[i]);
            }
        }
    }

    int size() {
        return ids.length;
    }

    /** The index of an id, −1 when unknown or erased. */
    synchronized int indexOf(String id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    /** The id at an index, null when erased. */
    synchronized String id(int i) {
        return ids[i];
    }

    /** A copy of the ids by index (null where erased). */
    synchronized String[] ids() {
        return ids.clone();
    }

    /** Forgets an id; returns its former index, −1 when it was unknown. */
    synchronized int erase(String id) {
        Integer i = index.remove(id);
        if (i == null) {
            return -1;
        }
        ids[i] = null;
        return i;
    }
}
