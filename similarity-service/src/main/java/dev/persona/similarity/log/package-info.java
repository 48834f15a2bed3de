/**
 * The interaction log as similarity needs it, in plain Java: one value per (user, item) pair kept current event by
 * event, erasure of a user, snapshots of the whole matrix for a build and exact scores of one pair
 * ({@link dev.persona.similarity.log.InteractionLog}, {@link dev.persona.similarity.log.Snapshot}). How it is filled
 * (ExportInteractions, the change feed) is the service layer's business. It imports the JDK and core only: no Quarkus,
 * CDI, gRPC, protobuf, Redis client or {@code dev.persona.common}, so it behaves the same in a test, a benchmark or a
 * batch job.
 */
package dev.persona.similarity.log;
