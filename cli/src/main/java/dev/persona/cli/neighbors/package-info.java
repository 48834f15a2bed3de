/**
 * {@code persona neighbors ...}: builds and reads the neighbour lists of similarity-service (BuildNeighbors with its
 * progress, similar items and users, exact similarity, status) and the scoring options of a build; the similarity
 * itself is computed by the service. An adapter: it may import the root package, grpc, console, picocli and
 * {@code dev.persona.api}; bench and eval reuse its build and list calls, nothing lower imports it.
 */
package dev.persona.cli.neighbors;
