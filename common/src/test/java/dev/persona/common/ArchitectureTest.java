package dev.persona.common;

import dev.persona.core.architecture.Layering;
import org.junit.jupiter.api.Test;

/** common is glue in layers (see package-info), without cycles. */
class ArchitectureTest {

    @Test
    void glueIsLayeredWithoutCycles() {
        Layering.of("dev.persona.common")
                .adapters("wiring")
                .useCases("feed")
                .stores("profile", "neighbors")
                .shared("grpc", "security", "audit", "error", "validation", "redis", "tenant")
                .check();
    }
}
