package dev.persona.cli.models;

import dev.persona.api.v1.TrainModelRequest;
import dev.persona.api.v1.TrainModelResponse;
import dev.persona.api.v1.TrainResult;
import dev.persona.cli.CliException;
import dev.persona.cli.console.PhaseProgress;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.RecommendConnection;
import java.util.Iterator;

/** One TrainModel call, its progress shown phase by phase on stderr. */
public final class ModelTrainings {

    private ModelTrainings() {
    }

    public static TrainResult run(RecommendConnection recommend, TrainModelRequest request, StatusLine status) {
        PhaseProgress progress = new PhaseProgress(status);
        TrainResult result = null;
        try {
            Iterator<TrainModelResponse> responses = recommend.serverStreaming().trainModel(request);
            while (responses.hasNext()) {
                TrainModelResponse response = responses.next();
                if (response.hasProgress()) {
                    progress.update(response.getProgress());
                } else if (response.hasResult()) {
                    result = response.getResult();
                }
            }
        } finally {
            progress.end();
        }
        if (result == null) {
            throw CliException.failure(RecommendConnection.SERVICE + " ended the training without a result");
        }
        return result;
    }
}
