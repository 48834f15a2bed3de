/**
 * The derived-profile algorithm in plain Java: RFM, event counts per type, time-decayed category and tag affinities
 * and the mean rating ({@link dev.persona.profile.profile.ProfileCalculator}), computed from a user's events in
 * columns ({@link dev.persona.profile.profile.UserEvents}). It imports the JDK only: no Quarkus, CDI, gRPC, protobuf,
 * JDBC, Redis client or {@code dev.persona.common}, so it computes the same in a test, a benchmark or a batch job.
 */
package dev.persona.profile.profile;
