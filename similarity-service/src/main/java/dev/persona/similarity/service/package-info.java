/**
 * The use cases: builds under the scope's lock in Redis ({@link dev.persona.similarity.service.BuildService}) and
 * their automatic reruns ({@link dev.persona.similarity.service.AutoRebuild}), reads of lists, pair scores and status
 * ({@link dev.persona.similarity.service.ServeService}), each tenant's log copy caught up from ExportInteractions
 * ({@link dev.persona.similarity.service.LiveLogs}), and the change feed's events and erasures
 * ({@link dev.persona.similarity.service.SimilarityFeed}, {@link dev.persona.similarity.service.Erasures}). It may
 * import store, config and log, core's algorithms, common's neighbour reader, feed and error glue, the ProfileService
 * client with the messages it returns, CDI, and the Quarkus scheduler and metrics APIs; never grpc, and no Redis
 * commands of its own.
 */
package dev.persona.similarity.service;
