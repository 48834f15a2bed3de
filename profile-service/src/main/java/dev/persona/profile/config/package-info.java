/**
 * Every tunable of profile-service in one {@link dev.persona.profile.config.ProfileConfig} mapping under the
 * {@code persona.} prefix of application.properties: validation limits, ingestion batches, the change feed and
 * derived profiles. The shared layer: grpc, service and store read it; it imports SmallRye Config and the JDK only,
 * nothing else of the module.
 */
package dev.persona.profile.config;
