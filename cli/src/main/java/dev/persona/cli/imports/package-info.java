/**
 * {@code persona import ...}: streams MovieLens, Telco and retail files into profile-service (ImportUsers,
 * ImportItems, RecordEvents) and prints what it reported; {@link dev.persona.cli.imports.Uploader} and
 * {@link dev.persona.cli.imports.FileImports} are reused by the benches and evaluations that import first. An
 * adapter: it may import the root package, grpc, formats, io, console, picocli and {@code dev.persona.api}; other
 * command packages may reuse it, nothing lower imports it.
 */
package dev.persona.cli.imports;
