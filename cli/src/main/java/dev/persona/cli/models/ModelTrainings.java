package dev.persona.cli.models;

import dev.persona.api.v1.TrainModelRequest;
import dev.persona.api.v1.TrainModelResponse;
import dev.persona.api.v1.TrainResult;
import dev.persona.cli.CliException;
import dev.persona.cli.console.PhaseProgress;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.RecommendConnection;

/** One TrainModel call, its progress shown phase by phase on stderr. */
public final class ModelTrainings {

    private ModelTrainings() {
    }

    public static TrainResult run(RecommendConnection recommend, TrainModelRequest request, StatusLine status) {
        return PhaseProgress.follow(recommend.serverStreaming().trainModel(request), status,
                (TrainModelResponse r) -> r.hasProgress() ? r.getProgress() : null,
                r -> r.hasResult() ? r.getResult() : null)
                .orElseThrow(() -> CliException.failure(RecommendConnection.SERVICE
                        + " ended the training without a result"));
    }
}
