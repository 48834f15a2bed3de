package dev.persona.recommend.knn;

import dev.persona.core.similarity.Neighbor;
import java.util.List;
import java.util.Map;

/** The neighbour lists of items (or of users): for one id, its neighbours best first. */
@FunctionalInterface
public interface NeighborSource {

    /** The neighbours of {@code id}, best first; empty (never null) when it has none. */
    List<Neighbor> neighbors(String id);

    /** A source answering from fixed lists; ids absent from {@code lists} have no neighbours. */
    static NeighborSource of(Map<String, List<Neighbor>> lists) {
        Map<String, List<Neighbor>> copy = Map.copyOf(lists);
        return id -> copy.getOrDefault(id, List.of());
    }
}
