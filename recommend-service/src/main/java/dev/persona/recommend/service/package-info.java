/**
 * The use cases: serving recommendations, similar items, ranked candidates and rating predictions with the
 * strategies over what this replica holds ({@link dev.persona.recommend.service.Recommender}, reading through
 * {@link dev.persona.recommend.service.RecommendSources}); training, storing and serving models
 * ({@link dev.persona.recommend.service.ModelTraining}, {@link dev.persona.recommend.service.ScheduledRetraining});
 * offline evaluation over a train split ({@link dev.persona.recommend.service.OfflineEvaluation}); and the change
 * feed ({@link dev.persona.recommend.service.RecommendFeed}). It may import store, config, every algorithm package,
 * core, common's error, feed and neighbour glue, CDI, the Quarkus scheduler and Micrometer; never grpc, protobuf,
 * JDBC or the Redis client.
 */
package dev.persona.recommend.service;
