/**
 * {@code persona segments ...}: customer segmentations of segment-service (build with its progress, list, show,
 * members, assign), how they are printed, and the command-line names of segment-service's enums. An adapter: it may
 * import the root package, grpc, console, picocli and {@code dev.persona.api}; predict, bench and eval reuse its
 * names and build call, nothing lower imports it.
 */
package dev.persona.cli.segments;
