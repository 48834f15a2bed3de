/**
 * Item-item and user-user similarity: the sparse interaction matrix (CSR and its transpose), the exact top-K
 * neighbour kernel for cosine, adjusted cosine, Pearson and Jaccard with shrinkage and minimum support, exact scores
 * of one pair, and the {@code Neighbor} entry every service exchanges. Imports {@code topk} and {@code collect}.
 */
package dev.persona.core.similarity;
