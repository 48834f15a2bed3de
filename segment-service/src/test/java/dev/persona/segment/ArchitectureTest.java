package dev.persona.segment;

import dev.persona.core.architecture.Layering;
import org.junit.jupiter.api.Test;

/**
 * segment-service follows the suite's layering: the gRPC adapter over the use cases, over the stores, over the
 * settings, over the plain-Java algorithms; no cycles between its packages.
 */
class ArchitectureTest {

    @Test
    void layersAndPlainAlgorithms() {
        Layering.of("dev.persona.segment")
                .adapters("grpc")
                .useCases("service")
                .stores("store")
                .shared("config")
                .algorithms("grouping", "kmeans", "hierarchy", "rfm", "describe", "features", "classifier")
                .check();
    }
}
