/**
 * Trained recommendation models in plain Java: explicit biased ALS for rating prediction ({@link ExplicitAls}),
 * implicit ALS with Hu–Koren–Volinsky confidences ({@link ImplicitAls}) and EASE ({@link Ease}), trained on a compact
 * {@link Interactions} matrix; the models they give score items, fold in users they never saw and forget users on
 * erasure; {@link ModelCodec} stores them as compact bytes, and {@link TrainingFootprint} estimates a training's peak
 * memory and stored size before it starts. No Quarkus, gRPC or JDBC here.
 *
 * <p>Training is deterministic: the same data, parameters and seed give bit-identical models for any thread count
 * (every row is solved on its own against fixed factors of the other side, and every sum is taken in a fixed order).
 * Training stops with {@link InterruptedException} when its thread is interrupted.
 */
package dev.persona.recommend.model;
