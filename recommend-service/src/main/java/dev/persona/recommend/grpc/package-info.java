/**
 * The RecommendService adapter: validation of every request and translation between protobuf and the use cases,
 * nothing else ({@link dev.persona.recommend.grpc.RecommendGrpcService}, with TrainModel and ListModels in
 * {@link dev.persona.recommend.grpc.ModelRpcs} and EvaluateOffline in
 * {@link dev.persona.recommend.grpc.EvaluationRpcs}). The top layer: it may import service, store, config and the
 * algorithm packages' value types, the generated {@code dev.persona.api} classes and common's gRPC, error and
 * validation glue; nothing imports it.
 */
package dev.persona.recommend.grpc;
