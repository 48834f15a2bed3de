package dev.persona.similarity.store;

import dev.persona.common.neighbors.NeighborKeys;
import dev.persona.core.similarity.Metric;
import java.util.Locale;

/**
 * Which neighbour lists: item–item or user–user, for one metric. Each scope has its own generations, pointer and
 * build lock.
 */
public record Scope(boolean users, Metric metric) {

    /** The scope's part of Redis keys, for example {@code item:cosine}. */
    public String key() {
        return NeighborKeys.scope(users, metric.name());
    }

    /** The scope named by {@link #key()}, or null when {@code key} names none. */
    public static Scope parse(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String side = key.substring(0, colon);
        if (!side.equals("user") && !side.equals("item")) {
            return null;
        }
        try {
            return new Scope(side.equals("user"), Metric.valueOf(key.substring(colon + 1).toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** For messages: "item cosine". */
    @Override
    public String toString() {
        return key().replace(':', ' ');
    }
}
