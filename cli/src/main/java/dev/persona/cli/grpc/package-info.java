/**
 * gRPC client plumbing: one connection per service, over TLS unless told plaintext ({@link
 * dev.persona.cli.grpc.ChannelSecurity}), with the bearer token and tenant header, deadlines per stub and the service
 * named in every failure, a failed TLS handshake told apart ({@link dev.persona.cli.grpc.ServiceChannel}, {@link
 * dev.persona.cli.grpc.ServiceErrors}), and a flow-controlled client stream ({@link
 * dev.persona.cli.grpc.StreamUpload}). Store-like: it is how the commands reach the services; it may import io (a
 * record source to stream), gRPC and the generated {@code dev.persona.api} stubs, never a command package or the root.
 */
package dev.persona.cli.grpc;
