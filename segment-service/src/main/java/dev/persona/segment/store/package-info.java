/**
 * Persistence of segment-service: segmentations and their members in PostgreSQL ({@link SegmentationStore},
 * {@link SegmentationEntity}, {@link PlacementCodec}), the assignment cache in Redis ({@link AssignmentCache}) and
 * trained predictors in PostgreSQL ({@link PredictorStore}, {@link StoredPredictor}). May import {@code config}, the
 * algorithm packages whose results it stores, the protobuf API and common; only {@code service} and {@code grpc}
 * import it.
 */
package dev.persona.segment.store;
