package dev.persona.cli;

import dev.persona.core.architecture.Layering;
import org.junit.jupiter.api.Test;

/**
 * The CLI follows the suite's layering (see each package-info): the commands (the root and one package per command
 * group) are adapters over the stores the CLI reads from and writes to (grpc: the services; formats: the data files;
 * jwt: keys and tokens; tls: certificates), over shared console and io helpers. It has no algorithm package: the metrics it prints come from core.
 */
class ArchitectureTest {

    @Test
    void commandsOverServicesAndFilesOverSharedHelpersWithoutCycles() {
        Layering.of("dev.persona.cli")
                .adapters("", "audience", "bench", "demo", "eval", "imports", "models", "neighbors", "predict",
                        "recommend", "security", "segments", "tenants")
                .stores("grpc", "formats", "jwt", "tls")
                .shared("console", "io")
                .check();
    }
}
