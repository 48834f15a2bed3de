/**
 * The SimilarityService adapter ({@link dev.persona.similarity.grpc.SimilarityGrpcService}): request validation
 * (ids, k, metric, shrinkage, which metrics may be binary, thread counts) and translation between protobuf and the
 * use cases' records, nothing else; which thread a call runs on is decided here. The top layer: it may import
 * service, store, config and log, core's similarity types, the generated {@code dev.persona.api} classes and common's
 * gRPC, error and validation glue; nothing imports it.
 */
package dev.persona.similarity.grpc;
