/**
 * Every tunable of similarity-service in one {@link dev.persona.similarity.config.SimilarityConfig} mapping under
 * {@code persona.similarity.} in application.properties: build threads, event weights, the near-cache and its
 * refresh, the build lock, automatic rebuilds and how long erasures are remembered. The shared layer: grpc, service
 * and store read it; it imports SmallRye Config and the JDK only, nothing else of the module.
 */
package dev.persona.similarity.config;
