/**
 * Neighbourhood strategies in plain Java: item-based and user-based k-nearest neighbours for ranking and rating
 * prediction, and the baseline estimates that item-based prediction corrects for. Neighbour lists (core's
 * {@link dev.persona.core.similarity.Neighbor} entries) and neighbours' histories come through the small
 * {@link dev.persona.recommend.knn.NeighborSource} and {@link dev.persona.recommend.knn.HistorySource} interfaces,
 * so that the service can back them with Redis and tests with maps. It imports {@code history}, {@code ranking},
 * {@code blend}, core and the JDK; no Quarkus, CDI, gRPC, protobuf, JDBC, Redis client or
 * {@code dev.persona.common}.
 */
package dev.persona.recommend.knn;
