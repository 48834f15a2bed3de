package dev.persona.similarity.grpc;

import dev.persona.api.v1.MutinySimilarityServiceGrpc;
import io.quarkus.grpc.GrpcService;

/**
 * The SimilarityService of persona.v1. The service starts, registers with the gRPC health and reflection services and
 * answers every RPC with UNIMPLEMENTED until its algorithms land.
 */
@GrpcService
public class SimilarityServiceGrpc extends MutinySimilarityServiceGrpc.SimilarityServiceImplBase {
}
