package dev.persona.similarity.log;

import dev.persona.core.similarity.InteractionMatrix;

/**
 * The interaction matrix of a log at one point, with the external ids of its rows and columns. Ids are in ascending
 * order ({@link String#compareTo}), so the kernel's tie-break on lower index is a tie-break on lower id.
 *
 * @param matrix   users × items, one entry per (user, item) pair
 * @param userIds  the id of each matrix row
 * @param itemIds  the id of each matrix column
 * @param sequence the last log sequence the snapshot includes
 * @param events   events (not pairs) the log had taken in when the snapshot was made
 */
public record Snapshot(InteractionMatrix matrix, String[] userIds, String[] itemIds, long sequence, long events) {
}
