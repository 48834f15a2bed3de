/**
 * The algorithms of an offline evaluation: the per-user train/test split of a log
 * ({@link dev.persona.recommend.eval.HoldOut}) and one strategy's figures
 * ({@link dev.persona.recommend.eval.StrategyScores}: core's ranking metrics and coverage, plus what is recommend's
 * own, popularity bias, RMSE and MAE). The use case that runs them over a tenant is
 * {@code service.OfflineEvaluation}. Plain Java: it imports {@code history}, core's metrics and the JDK; no Quarkus,
 * CDI, gRPC, protobuf, JDBC, Redis client or {@code dev.persona.common}.
 */
package dev.persona.recommend.eval;
