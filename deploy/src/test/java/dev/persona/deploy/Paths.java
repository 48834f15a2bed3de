package dev.persona.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are, relative to the deploy module (Maven runs the tests there). */
final class Paths {

    private Paths() {
    }

    static Path module() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.isDirectory(here.resolve("k8s"))) {
            return here;
        }
        if (Files.isDirectory(here.resolve("deploy/k8s"))) {
            return here.resolve("deploy");
        }
        throw new IllegalStateException("run from the deploy module or the repository root, not " + here);
    }

    static Path repository() {
        return module().getParent();
    }

    static Path overlay(String name) {
        return module().resolve("k8s/overlays").resolve(name);
    }
}
