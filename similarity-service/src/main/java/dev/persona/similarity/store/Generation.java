package dev.persona.similarity.store;

import dev.persona.common.neighbors.NeighborReader;
import java.util.HashMap;
import java.util.Map;

/**
 * The serving generation of one scope, as its pointer hash in Redis records it. {@code revision} grows whenever the
 * generation's lists are edited in place (an erasure), so caches of the same generation know to drop.
 */
public record Generation(long generation, long revision, long builtAtMillis, long entities, long pairs, int k,
                         int minSupport, double shrinkage, boolean binary, long builtToSequence, long snapshotEvents) {

    /** What readers compare cached lists against: the generation and its revision. */
    public NeighborReader.Version version() {
        return new NeighborReader.Version(generation, revision);
    }

    /** The pointer hash's fields and values. */
    Map<String, String> fields() {
        Map<String, String> f = new HashMap<>();
        f.put("generation", Long.toString(generation));
        f.put("revision", Long.toString(revision));
        f.put("built_at", Long.toString(builtAtMillis));
        f.put("entities", Long.toString(entities));
        f.put("pairs", Long.toString(pairs));
        f.put("k", Integer.toString(k));
        f.put("min_support", Integer.toString(minSupport));
        f.put("shrinkage", Double.toString(shrinkage));
        f.put("binary", Boolean.toString(binary));
        f.put("built_to", Long.toString(builtToSequence));
        f.put("snapshot_events", Long.toString(snapshotEvents));
        return f;
    }

    /** The generation recorded in a pointer hash, or null when the hash is empty. */
    static Generation of(Map<String, String> f) {
        if (f.isEmpty() || !f.containsKey("generation")) {
            return null;
        }
        return new Generation(Long.parseLong(f.get("generation")), Long.parseLong(f.getOrDefault("revision", "0")),
                Long.parseLong(f.get("built_at")), Long.parseLong(f.get("entities")), Long.parseLong(f.get("pairs")),
                Integer.parseInt(f.get("k")), Integer.parseInt(f.get("min_support")),
                Double.parseDouble(f.get("shrinkage")), Boolean.parseBoolean(f.get("binary")),
                Long.parseLong(f.get("built_to")), Long.parseLong(f.get("snapshot_events")));
    }
}
