package dev.persona.recommend.knn;

import dev.persona.recommend.history.EventWeights;
import java.util.Map;

/**
 * Each user's interest per item ({@link Interests#weights}), for user-based ranking: a source that keeps them
 * computed saves walking every neighbour's whole history on every request.
 */
@FunctionalInterface
public interface InterestSource {

    /** The user's weight per item, as {@link Interests#weights} defines it; empty for an unknown user. */
    Map<String, Double> interests(String userId);

    /** Computes interests from histories on every call. */
    static InterestSource of(HistorySource histories, EventWeights weights) {
        return userId -> Interests.weights(histories.history(userId), weights);
    }
}
