package dev.persona.recommend.service;

import dev.persona.recommend.history.EventWeights;
import dev.persona.recommend.knn.Interests;
import dev.persona.recommend.model.Interactions;
import dev.persona.recommend.store.TenantData;
import java.util.Map;

/** The interaction matrix a model type trains on, from a replica's copy of the tenant's log. */
final class TrainingData {

    private TrainingData() {
    }

    /**
     * ALS_EXPLICIT: each user's latest rating per item. ALS_IMPLICIT: each user's weight per item (the largest event
     * weight, a rating weighing in proportion to its value). EASE: 1 for every item a user touched (impressions
     * aside).
     */
    static Interactions of(TenantData data, String type, EventWeights weights) {
        Interactions.Builder b = Interactions.builder();
        data.forEachHistory((user, history) -> {
            Map<String, Double> values = type.equals("ALS_EXPLICIT") ? Interests.ratings(history)
                    : Interests.weights(history, weights);
            values.forEach((item, value) -> b.add(user, item, type.equals("EASE") ? 1f : value.floatValue()));
        });
        return b.build(Interactions.Duplicates.LAST);
    }
}
