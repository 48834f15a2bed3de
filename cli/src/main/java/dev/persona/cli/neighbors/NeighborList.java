package dev.persona.cli.neighbors;

import dev.persona.api.v1.Entity;
import dev.persona.api.v1.GetSimilarItemsRequest;
import dev.persona.api.v1.GetSimilarItemsResponse;
import dev.persona.api.v1.GetSimilarUsersRequest;
import dev.persona.api.v1.GetSimilarUsersResponse;
import dev.persona.api.v1.Metric;
import dev.persona.api.v1.Neighbor;
import dev.persona.api.v1.SimilarityServiceGrpc.SimilarityServiceBlockingStub;
import java.util.List;

/** The neighbour list of one item or user, and the generation it was read from. */
public record NeighborList(List<Neighbor> neighbors, long generation) {

    /** GetSimilarItems or GetSimilarUsers, per entity. */
    public static NeighborList fetch(SimilarityServiceBlockingStub stub, Entity entity, String id, int k,
            Metric metric) {
        return switch (entity) {
            case ENTITY_ITEM -> {
                GetSimilarItemsResponse items = stub.getSimilarItems(
                        GetSimilarItemsRequest.newBuilder().setItemId(id).setK(k).setMetric(metric).build());
                yield new NeighborList(items.getNeighborsList(), items.getGeneration());
            }
            case ENTITY_USER -> {
                GetSimilarUsersResponse users = stub.getSimilarUsers(
                        GetSimilarUsersRequest.newBuilder().setUserId(id).setK(k).setMetric(metric).build());
                yield new NeighborList(users.getNeighborsList(), users.getGeneration());
            }
            default -> throw new IllegalArgumentException("no neighbour lists of " + entity);
        };
    }
}
