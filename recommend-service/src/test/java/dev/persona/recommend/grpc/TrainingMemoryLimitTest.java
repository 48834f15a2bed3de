package dev.persona.recommend.grpc;

import static dev.persona.common.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.ModelType;
import dev.persona.api.v1.TrainModelRequest;
import dev.persona.api.v1.TrainModelResponse;
import dev.persona.common.testing.StandInProfileResource;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A training that would need more memory than a replica allows one training is refused with RESOURCE_EXHAUSTED
 * before it allocates anything, naming the estimate and the setting; one that fits trains as usual. Here a training
 * may use 1 MiB: implicit ALS with 1,024 factors on the small catalogue needs about 33 MiB, with 16 factors well
 * under 1 MiB.
 */
@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
@TestProfile(TrainingMemoryLimitTest.OneMebibyte.class)
class TrainingMemoryLimitTest extends RecommendTestSupport {

    public static class OneMebibyte implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            double fraction = (double) (1 << 20) / Runtime.getRuntime().maxMemory();
            return Map.of("persona.recommend.training.max-heap-fraction", Double.toString(fraction));
        }
    }

    private List<TrainModelResponse> train(ModelType type, int factors) {
        List<TrainModelResponse> out = new ArrayList<>();
        stub().trainModel(TrainModelRequest.newBuilder().setModelType(type).setFactors(factors).setIterations(2)
                .setKeepServing(true).build()).forEachRemaining(out::add);
        return out;
    }

    @Test
    void aTrainingTooLargeForTheReplicaIsRefusedBeforeItStartsAndASmallOneTrains() {
        crowd();
        assertStatus(Status.Code.RESOURCE_EXHAUSTED, "max-heap-fraction",
                () -> train(ModelType.MODEL_TYPE_ALS_IMPLICIT, 1024));
        assertStatus(Status.Code.RESOURCE_EXHAUSTED, "1024 factors",
                () -> train(ModelType.MODEL_TYPE_ALS_IMPLICIT, 1024));
        List<TrainModelResponse> small = train(ModelType.MODEL_TYPE_ALS_IMPLICIT, 16);
        assertTrue(small.get(small.size() - 1).hasResult(), "16 factors fit in 1 MiB");
        List<TrainModelResponse> ease = train(ModelType.MODEL_TYPE_EASE, 0);
        assertTrue(ease.get(ease.size() - 1).hasResult(), "EASE on 8 items needs about 1 KiB");
    }
}
