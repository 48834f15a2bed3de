/**
 * gRPC call plumbing the services' adapters share: the access gate of every call (token, role, tenant) and the
 * tenant it binds, the one error mapping to statuses, unary call shapes, the progress stream of every
 * long-running streaming RPC, and native-image registrations. May import {@code error}, {@code validation},
 * {@code security}, {@code tenant}, the generated persona.v1 messages, gRPC and Quarkus.
 */
package dev.persona.common.grpc;
