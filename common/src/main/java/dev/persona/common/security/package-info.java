/**
 * Who may call what: the roles ({@link dev.persona.common.security.Role}), the one table of the roles each RPC needs
 * ({@link dev.persona.common.security.RpcRoles}), bearer token verification into a
 * {@link dev.persona.common.security.Caller}, the token a service presents to another, and the start-up refusal of
 * an unauthenticated prod. The gRPC interceptor that applies them lives in {@code grpc}. May import
 * smallrye-jwt, MicroProfile Config and Quarkus; nothing of the services.
 */
package dev.persona.common.security;
