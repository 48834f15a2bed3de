package dev.persona.segment.service;

import dev.persona.api.v1.FeatureContribution;
import dev.persona.api.v1.PredictOutcomeResponse;
import dev.persona.common.error.ApiError;
import dev.persona.segment.classifier.PredictorModel;
import dev.persona.segment.features.FeatureTable;
import dev.persona.segment.features.Population;
import dev.persona.segment.store.PredictorStore;
import dev.persona.segment.store.StoredPredictor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * PredictOutcome as the .proto describes it: one user's probability of a stored predictor's outcome, measured from
 * the user's events and attributes as ProfileService has them now, with its explanation. No prediction is made for a
 * user whose consent is denied.
 */
@ApplicationScoped
public class Predictions {

    private final ProfileData profiles;
    private final PredictorStore store;

    public Predictions(ProfileData profiles, PredictorStore store) {
        this.profiles = profiles;
        this.store = store;
    }

    /**
     * The prediction for one user.
     *
     * @param asOfMillis the clock of the features, or null for the contract's default clock
     */
    public PredictOutcomeResponse predict(String tenant, String modelId, String userId, Long asOfMillis) {
        StoredPredictor predictor = store.find(tenant, modelId)
                .orElseThrow(() -> ApiError.notFound("model_id", modelId));
        PredictorModel model = predictor.model();
        Population user = profiles.user(tenant, userId, model.needsCategories());
        if (user == null) {
            throw ApiError.notFound("user_id", userId);
        }
        if (user.customers().get(0).consentDenied()) {
            throw ApiError.precondition("user " + userId + " has denied consent: no prediction is made for them");
        }
        FeatureTable table = ScoringTable.of(predictor, user, asOfMillis == null ? user.defaultClock() : asOfMillis);
        PredictorModel.Explanation e = model.explain(table, table.rowOf(userId), predictor.outcome());
        PredictOutcomeResponse.Builder b = PredictOutcomeResponse.newBuilder().setProbability(e.probability())
                .setExplanation(e.text()).addAllDecisionPath(e.decisionPath());
        for (PredictorModel.Contribution c : e.contributions()) {
            b.addContributions(FeatureContribution.newBuilder().setFeature(c.feature()).setValue(c.value())
                    .setContribution(c.contribution()));
        }
        return b.build();
    }
}
