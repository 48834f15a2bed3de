/**
 * The gRPC adapter of SegmentService: requests checked against the contract (defaults, ranges, INVALID_ARGUMENT
 * naming the field) and turned into the use cases' requests ({@link SegmentationRequests},
 * {@link PredictorRequests}), and the RPCs that pass them on ({@link SegmentServiceGrpc}). May import
 * {@code service}, {@code store}, {@code config}, the algorithm packages, the protobuf API and common's gRPC glue;
 * nothing imports it.
 */
package dev.persona.segment.grpc;
