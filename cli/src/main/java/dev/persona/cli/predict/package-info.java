/**
 * {@code persona predict ...}: outcome predictors of segment-service (TrainPredictor, PredictOutcome) and the
 * {@code predict rating} subcommand from recommend; the cross-validated metrics are computed by the service and only
 * printed here. An adapter: it may import the root package, recommend, segments, grpc, console, picocli and
 * {@code dev.persona.api}; eval reuses its training call, nothing lower imports it.
 */
package dev.persona.cli.predict;
