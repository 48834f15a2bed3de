package dev.persona.recommend.service;

import dev.persona.common.neighbors.NeighborReader;
import dev.persona.core.similarity.Neighbor;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.store.ServingModels;
import dev.persona.recommend.store.TenantData;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link Recommender} reads: the tenant's data, consent, recent history, neighbour lists and trained
 * models. Serving reads the live stores ({@link ServingSources}); an offline evaluation serves a train split from
 * memory, so both rank through the same code.
 */
public interface RecommendSources {

    /** The tenant's catalogue, histories and popularity (UNAVAILABLE when they cannot be loaded). */
    TenantData data(String tenant);

    /** Whether the user's history may be used (false when their consent is DENIED or cannot be checked). */
    boolean personalised(String tenant, String userId);

    /** Events newer than the log's copy (may fail; the caller then serves from the log's history). */
    List<UserEvent> recent(String tenant, String userId);

    /** The serving version of a neighbour scope ({@link NeighborReader.Version#exists()} false when none). */
    NeighborReader.Version version(String tenant, String scope);

    /** The neighbour lists of {@code ids} in that version; every id is a key, with an empty list when it has none. */
    Map<String, List<Neighbor>> lists(String tenant, String scope, NeighborReader.Version version, List<String> ids);

    /** The serving model of a type ("ALS_IMPLICIT", "ALS_EXPLICIT", "EASE"), or null when none. */
    ServingModels.Loaded model(String tenant, String type);
}
