/**
 * {@code persona models train|list}: the recommendation models of recommend-service (TrainModel with its progress,
 * ListModels); {@link dev.persona.cli.models.ModelTrainings} is reused by eval. An adapter: it may import the root
 * package, grpc, console, picocli and {@code dev.persona.api}; nothing lower imports it.
 */
package dev.persona.cli.models;
