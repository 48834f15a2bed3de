package dev.persona.similarity.store;

/** One entry of a stored neighbour list. */
public record Neighbor(String id, double score, int support) {
}
