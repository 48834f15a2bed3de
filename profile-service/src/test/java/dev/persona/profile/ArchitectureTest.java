package dev.persona.profile;

import dev.persona.core.architecture.Layering;
import org.junit.jupiter.api.Test;

/** profile-service follows the suite's layering: grpc over service over store over config, profile plain Java. */
class ArchitectureTest {

    @Test
    void layersAreRespectedAndTheProfileAlgorithmIsPlainJava() {
        Layering.of("dev.persona.profile")
                .adapters("grpc")
                .useCases("service")
                .stores("store")
                .shared("config")
                .algorithms("profile")
                .check();
    }
}
