/**
 * Persistence in Redis: the neighbour lists' generations, pointers, build locks and erasure marks
 * ({@link dev.persona.similarity.store.NeighborStore}, the writing side and the serving
 * {@link dev.persona.similarity.store.Generation}'s metadata), which lists a {@link dev.persona.similarity.store.Scope}
 * names, and this replica's reading side: common's {@link dev.persona.common.neighbors.NeighborReader}, provided and
 * refreshed by {@link dev.persona.similarity.store.NeighborReading}. It may import config, core's similarity types,
 * common's neighbour, Redis and error glue, the Redis client and the Quarkus scheduler; never service or grpc.
 */
package dev.persona.similarity.store;
