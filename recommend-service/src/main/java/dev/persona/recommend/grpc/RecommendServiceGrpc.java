package dev.persona.recommend.grpc;

import dev.persona.api.v1.MutinyRecommendServiceGrpc;
import io.quarkus.grpc.GrpcService;

/**
 * The RecommendService of persona.v1. The service starts, registers with the gRPC health and reflection services and
 * answers every RPC with UNIMPLEMENTED until its algorithms land.
 */
@GrpcService
public class RecommendServiceGrpc extends MutinyRecommendServiceGrpc.RecommendServiceImplBase {
}
