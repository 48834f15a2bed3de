package dev.persona.recommend;

import dev.persona.core.architecture.Layering;
import org.junit.jupiter.api.Test;

/**
 * recommend-service follows the suite's layering: grpc over service over store over config, and the recommendation
 * algorithms (strategies, trained models, evaluation figures and their vocabulary) in plain Java below them all.
 */
class ArchitectureTest {

    @Test
    void layersAreRespectedAndTheAlgorithmsArePlainJava() {
        Layering.of("dev.persona.recommend")
                .adapters("grpc")
                .useCases("service")
                .stores("store")
                .shared("config")
                .algorithms("blend", "catalog", "content", "eval", "filter", "history", "knn", "model", "popular",
                        "ranking")
                .check();
    }
}
