/**
 * Neighbourhood strategies in plain Java: item-based and user-based k-nearest neighbours for ranking and rating
 * prediction, and the baseline estimates that item-based prediction corrects for. Neighbour lists and neighbours'
 * histories come through the small {@link dev.persona.recommend.knn.NeighborSource} and
 * {@link dev.persona.recommend.knn.HistorySource} interfaces, so that the service can back them with Redis and tests
 * with maps. No Quarkus, gRPC or JDBC here.
 */
package dev.persona.recommend.knn;
