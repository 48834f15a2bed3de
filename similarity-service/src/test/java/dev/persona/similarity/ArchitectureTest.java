package dev.persona.similarity;

import dev.persona.core.architecture.Layering;
import org.junit.jupiter.api.Test;

/** similarity-service follows the suite's layering: grpc over service over store over config, log plain Java. */
class ArchitectureTest {

    @Test
    void layersAreRespectedAndTheInteractionLogIsPlainJava() {
        Layering.of("dev.persona.similarity")
                .adapters("grpc")
                .useCases("service")
                .stores("store")
                .shared("config")
                .algorithms("log")
                .check();
    }
}
