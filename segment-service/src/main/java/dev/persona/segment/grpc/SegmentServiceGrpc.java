package dev.persona.segment.grpc;

import dev.persona.api.v1.MutinySegmentServiceGrpc;
import io.quarkus.grpc.GrpcService;

/**
 * The SegmentService of persona.v1. The service starts, registers with the gRPC health and reflection services and
 * answers every RPC with UNIMPLEMENTED until its algorithms land.
 */
@GrpcService
public class SegmentServiceGrpc extends MutinySegmentServiceGrpc.SegmentServiceImplBase {
}
