/**
 * {@code persona bench ...}: measurements against the running services (ingestion, export, profile, neighbours,
 * recommend, real time, K-Means), each ending with a JSON line ({@link dev.persona.cli.bench.JsonLine}), and their
 * helpers: concurrent calls, nearest-rank percentiles, peak RSS. An adapter: it may import the root package, the
 * other command packages it drives (imports, neighbors, recommend, segments), grpc, formats, io, console,
 * picocli and {@code dev.persona.api}; only eval (for JsonLine) and the root import it.
 */
package dev.persona.cli.bench;
