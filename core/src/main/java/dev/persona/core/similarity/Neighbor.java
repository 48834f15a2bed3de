package dev.persona.core.similarity;

/**
 * One entry of a neighbour list, as similarity-service stores it and recommend-service reads it.
 *
 * @param id      the neighbouring item or user
 * @param score   the similarity s; may be negative for centred metrics
 * @param support how many co-occurrences the similarity rests on
 */
public record Neighbor(String id, double score, int support) {
}
