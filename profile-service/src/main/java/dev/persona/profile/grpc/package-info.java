/**
 * The ProfileService adapter: protobuf ⇄ the module's records and rows, nothing else. Requests are validated here
 * ({@link dev.persona.profile.grpc.InputValidator} holds every rule of the contract and turns wire messages into
 * validated records), calls run with gRPC flow control ({@link dev.persona.profile.grpc.Calls}) and exports are paged
 * one keyset query at a time ({@link dev.persona.profile.grpc.ExportStreams}). The top layer: it may import service,
 * store, config and profile, the generated {@code dev.persona.api} classes and common's gRPC glue; nothing imports it.
 */
package dev.persona.profile.grpc;
