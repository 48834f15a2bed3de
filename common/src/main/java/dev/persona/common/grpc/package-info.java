/**
 * gRPC call plumbing the services' adapters share: the tenant of a call (interceptor and context), the one error
 * mapping to statuses, unary call shapes, the progress stream of every long-running streaming RPC, and native-image
 * registrations. May import {@code error}, {@code validation}, the generated persona.v1 messages, gRPC and Quarkus.
 */
package dev.persona.common.grpc;
