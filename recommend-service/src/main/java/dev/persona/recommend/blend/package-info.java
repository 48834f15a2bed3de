/**
 * Combining contributions into rankings: {@link dev.persona.recommend.blend.Tally} sums contributions and credits
 * the user's items behind them (used by every accumulating strategy), {@link dev.persona.recommend.blend.Hybrid}
 * blends several strategies' rankings. Plain Java; no Quarkus, gRPC or JDBC here.
 */
package dev.persona.recommend.blend;
