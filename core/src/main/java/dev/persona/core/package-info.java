/**
 * Persona's plain algorithms and metrics, shared by the services, the CLI, the benchmarks and any batch job: no
 * framework on the classpath (the build bans it and ArchitectureTest checks the imports), primitive arrays in hot
 * loops, explicit seeds, formulas and references in the Javadoc. Every package here imports only {@code java.*} and
 * other core packages, without cycles.
 */
package dev.persona.core;
