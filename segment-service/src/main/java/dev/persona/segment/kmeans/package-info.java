/**
 * K-Means in plain Java: k-means++ seeding with Hamerly-accelerated Lloyd iterations ({@link KMeans}), the
 * mini-batch variant for large inputs ({@link MiniBatchKMeans}), the mean silhouette that judges a clustering
 * ({@link Silhouette}) and the choice of k by it ({@link AutoK}), on dense row-major {@link Points}. Results are
 * identical for a seed whatever the thread count. Imports only {@code java.*}.
 */
package dev.persona.segment.kmeans;
