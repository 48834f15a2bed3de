/**
 * The use cases of segment-service: segmentation builds, lookups and assignments ({@link Segmentations}), predictor
 * training with its label engineering ({@link PredictorTraining}, {@link TrainingLabels}), predictions
 * ({@link Predictions}) and audiences ({@link Audiences}); reading users and events from ProfileService
 * ({@link ProfileData}) and the change feed's erasures ({@link SegmentFeed}). They receive validated requests and
 * answer in the protobuf API's messages. May import {@code store}, {@code config}, the algorithm packages, the
 * protobuf API and common; only the gRPC adapter imports it.
 */
package dev.persona.segment.service;
