package dev.persona.recommend.grpc;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.ListModelsRequest;
import dev.persona.api.v1.ListModelsResponse;
import dev.persona.api.v1.ModelInfo;
import dev.persona.api.v1.ModelType;
import dev.persona.api.v1.TrainModelRequest;
import dev.persona.api.v1.TrainModelResponse;
import dev.persona.api.v1.TrainResult;
import dev.persona.common.error.ApiError;
import dev.persona.common.grpc.ProgressStream;
import dev.persona.common.validation.Ids;
import dev.persona.recommend.config.RecommendConfig;
import dev.persona.recommend.service.ModelTraining;
import dev.persona.recommend.store.ModelStore;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;

/** TrainModel and ListModels: validation and translation, for {@link RecommendGrpcService}. */
@ApplicationScoped
class ModelRpcs {

    private final ModelTraining training;
    private final ModelStore store;
    private final RecommendConfig config;

    ModelRpcs(ModelTraining training, ModelStore store, RecommendConfig config) {
        this.training = training;
        this.store = store;
        this.config = config;
    }

    void train(String tenant, TrainModelRequest r, StreamObserver<TrainModelResponse> out) {
        ProgressStream<TrainModelResponse> stream = new ProgressStream<>(out,
                p -> TrainModelResponse.newBuilder().setProgress(p).build());
        stream.run(() -> {
            ModelTraining.Request request = request(r);
            ModelStore.Version v = training.train(tenant, request, stream::progress);
            return TrainModelResponse.newBuilder().setResult(TrainResult.newBuilder()
                    .setModelVersion(v.version()).setElapsedMs(v.elapsedMs()).setModelType(type(v.type()))
                    .setServing(v.serving()).putAllTrainingMetrics(v.metrics())).build();
        });
    }

    ModelTraining.Request request(TrainModelRequest r) {
        String type = switch (r.getModelType()) {
            case MODEL_TYPE_ALS_EXPLICIT -> "ALS_EXPLICIT";
            case MODEL_TYPE_ALS_IMPLICIT -> "ALS_IMPLICIT";
            case MODEL_TYPE_EASE -> "EASE";
            default -> throw ApiError.invalid("model_type", "is required: ALS_EXPLICIT, ALS_IMPLICIT or EASE");
        };
        int factors = r.getFactors() == 0 ? 64 : Ids.range("factors", r.getFactors(), 1, 1024, "1 to 1,024 (0 means 64)");
        int iterations = r.getIterations() == 0 ? 15
                : Ids.range("iterations", r.getIterations(), 1, 1000, "1 to 1,000 (0 means 15)");
        double reg = r.getRegularization();
        if (!(reg >= 0) || Double.isInfinite(reg)) {
            throw ApiError.invalid("regularization", "is " + reg + "; allowed: a finite number, 0 or more");
        }
        double alpha = r.getAlpha();
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw ApiError.invalid("alpha", "is " + alpha + "; allowed: a finite number, 0 or more");
        }
        // More threads than the replica has cores only contend with serving: at most one per core.
        int threads = r.getThreads() == 0 ? config.training().threads()
                : Math.min(Runtime.getRuntime().availableProcessors(),
                Ids.range("threads", r.getThreads(), 1, 256, "0 to 256 (0 means the configured default)"));
        return ModelTraining.Request.of(type, factors, iterations, reg, alpha, r.getSeed(), threads,
                r.getKeepServing());
    }

    ListModelsResponse list(String tenant, ListModelsRequest r) {
        String type = switch (r.getModelType()) {
            case MODEL_TYPE_UNSPECIFIED -> null;
            case MODEL_TYPE_ALS_EXPLICIT -> "ALS_EXPLICIT";
            case MODEL_TYPE_ALS_IMPLICIT -> "ALS_IMPLICIT";
            case MODEL_TYPE_EASE -> "EASE";
            default -> throw ApiError.invalid("model_type", "is not a known ModelType");
        };
        ListModelsResponse.Builder b = ListModelsResponse.newBuilder();
        for (ModelStore.Version v : store.list(tenant, type)) {
            b.addModels(ModelInfo.newBuilder().setModelVersion(v.version()).setModelType(type(v.type()))
                    .setFactors(v.factors()).setIterations(v.iterations()).setRegularization(v.regularization())
                    .setAlpha(v.alpha()).setSeed(v.seed()).setTrainedAt(Timestamps.fromMillis(v.trainedAtMillis()))
                    .putAllTrainingMetrics(v.metrics()).setTrainedToSequence(v.trainedToSequence())
                    .setServing(v.serving()).setUsers(v.users()).setItems(v.items()).setElapsedMs(v.elapsedMs()));
        }
        return b.build();
    }

    private static ModelType type(String type) {
        return switch (type) {
            case "ALS_EXPLICIT" -> ModelType.MODEL_TYPE_ALS_EXPLICIT;
            case "ALS_IMPLICIT" -> ModelType.MODEL_TYPE_ALS_IMPLICIT;
            default -> ModelType.MODEL_TYPE_EASE;
        };
    }
}
