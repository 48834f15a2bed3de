/**
 * Combining contributions into rankings: {@link dev.persona.recommend.blend.Tally} sums contributions and credits
 * the user's items behind them (used by every accumulating strategy), {@link dev.persona.recommend.blend.Hybrid}
 * blends several strategies' rankings. Plain Java: it imports {@code ranking} and the JDK only; no Quarkus, CDI,
 * gRPC, protobuf, JDBC, Redis client or {@code dev.persona.common}.
 */
package dev.persona.recommend.blend;
