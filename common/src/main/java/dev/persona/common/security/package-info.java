/**
 * Who may call what: the roles ({@link dev.persona.common.security.Role}), the one table of the roles each RPC needs
 * ({@link dev.persona.common.security.RpcRoles}), bearer token verification into a
 * {@link dev.persona.common.security.Caller}, the token a service presents to another (from a file,
 * {@link dev.persona.common.security.ServiceToken}, or by client credentials,
 * {@link dev.persona.common.security.OidcServiceToken}), and the start-up refusals of an unauthenticated prod, a
 * calling service without a token and a database account without a password. The gRPC interceptor that applies them
 * lives in {@code grpc}. May import smallrye-jwt, quarkus-oidc-client, MicroProfile Config and Quarkus; nothing of
 * the services.
 */
package dev.persona.common.security;
