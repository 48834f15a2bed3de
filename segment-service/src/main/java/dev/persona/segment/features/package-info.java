/**
 * Per-user features in plain Java: users and their events ({@link Customer}, {@link CustomerEvent},
 * {@link Population}), the features a request names ({@link FeatureSpec}), their raw values at a clock
 * ({@link FeatureTable}) and the scaled matrix a segmentation clusters ({@link FeatureMatrix}, {@link FeatureScaler}).
 * Shared by segmentations and predictors. Imports only {@code java.*}.
 */
package dev.persona.segment.features;
