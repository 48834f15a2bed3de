package dev.persona.common.neighbors;

/** One entry of a stored neighbour list. */
public record Neighbor(String id, double score, int support) {
}
