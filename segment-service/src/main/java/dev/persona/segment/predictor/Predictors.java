package dev.persona.segment.predictor;

import dev.persona.api.v1.PredictOutcomeRequest;
import dev.persona.api.v1.PredictOutcomeResponse;
import dev.persona.api.v1.SelectAudienceRequest;
import dev.persona.api.v1.SelectAudienceResponse;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.api.v1.TrainPredictorResponse;
import dev.persona.common.error.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;

/** Predictors and audiences. (Being written: every call fails with FAILED_PRECONDITION until it lands.) */
@ApplicationScoped
public class Predictors {

    public TrainPredictorResponse train(String tenant, TrainPredictorRequest request) {
        throw ApiError.precondition("predictors are not available in this build");
    }

    public PredictOutcomeResponse predict(String tenant, PredictOutcomeRequest request) {
        throw ApiError.precondition("predictors are not available in this build");
    }

    public void selectAudience(String tenant, SelectAudienceRequest request, Consumer<SelectAudienceResponse> batches) {
        throw ApiError.precondition("audiences are not available in this build");
    }
}
