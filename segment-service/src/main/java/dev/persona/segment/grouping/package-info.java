/**
 * A segmentation's grouping in plain Java: runs K-Means, Ward linkage or RFM scores on the users' features, chooses k
 * by silhouette when asked, names and describes the segments and keeps what places a newcomer ({@link Grouping},
 * {@link Grouped}). May import the algorithm packages it combines ({@code kmeans}, {@code hierarchy}, {@code rfm},
 * {@code features}, {@code describe}) and {@code java.*}; no framework.
 */
package dev.persona.segment.grouping;
