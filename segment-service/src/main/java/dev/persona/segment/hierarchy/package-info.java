/**
 * Hierarchical clustering in plain Java: exact Ward linkage by the nearest-neighbour chain ({@link Ward}), on a seeded
 * sample above a size with the other points joined to the nearest sample cluster ({@link WardResult}), and the merge
 * tree cut into k clusters ({@link WardTree}). Imports only {@code java.*}.
 */
package dev.persona.segment.hierarchy;
