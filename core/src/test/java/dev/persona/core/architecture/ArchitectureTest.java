package dev.persona.core.architecture;

import org.junit.jupiter.api.Test;

/** core is algorithms only: no framework, no cycles. */
class ArchitectureTest {

    @Test
    void coreIsPlainJavaWithoutCycles() {
        Layering.of("dev.persona.core").algorithms("similarity", "topk", "collect", "metrics").check();
    }
}
