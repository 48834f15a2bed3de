package dev.persona.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    static Path component(String name) {
        return module().resolve("k8s/components").resolve(name);
    }

    /**
     * A kustomization, written under target/, of the overlay with the given components added (what an overlay of
     * yours that lists them under components renders); paths relative to it, as kustomize requires.
     */
    static Path overlayWithComponents(String overlay, String... components) {
        Path dir = module().resolve("target/kustomizations").resolve(overlay + "+" + String.join("+", components));
        StringBuilder k = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n")
                .append("resources:\n  - ").append(relative(dir, overlay(overlay))).append("\ncomponents:\n");
        for (String c : components) {
            k.append("  - ").append(relative(dir, component(c))).append("\n");
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("kustomization.yaml"), k.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(dir.toString(), e);
        }
        return dir;
    }

    private static String relative(Path from, Path to) {
        return from.relativize(to).toString().replace('\\', '/');
    }
}
