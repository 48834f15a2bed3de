/**
 * Every tunable of recommend-service in one {@link dev.persona.recommend.config.RecommendConfig} mapping under
 * {@code persona.recommend.} of application.properties: event weights, the strategies' settings, refresh periods and
 * training limits. The shared layer: grpc, service and store read it; it imports SmallRye Config, {@code history}
 * (to hand the weights over as {@link dev.persona.recommend.history.EventWeights}) and the JDK; no algorithm package
 * imports it.
 */
package dev.persona.recommend.config;
