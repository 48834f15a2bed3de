/**
 * The service's settings: {@link dev.persona.segment.config.SegmentConfig}, one SmallRye config mapping of
 * {@code persona.segment.*} read by the gRPC adapter, the use cases and the stores. May import only the config API
 * and {@code java.*}; every layer above may read it.
 */
package dev.persona.segment.config;
