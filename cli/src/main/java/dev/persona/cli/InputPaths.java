package dev.persona.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks input paths up front, so that a wrong path is reported by name before anything is sent. */
public final class InputPaths {

    private InputPaths() {
    }

    /** The path, if it is a readable regular file; otherwise a usage error naming it. */
    public static Path file(Path path) {
        if (!Files.exists(path)) {
            throw CliException.usage("no such file: " + path);
        }
        if (Files.isDirectory(path)) {
            throw CliException.usage("expected a file, found a directory: " + path);
        }
        if (!Files.isReadable(path)) {
            throw CliException.usage("cannot read " + path + ": permission denied");
        }
        return path;
    }

    /** The path, if it is a directory; otherwise a usage error naming it. */
    public static Path directory(Path path) {
        if (!Files.exists(path)) {
            throw CliException.usage("no such directory: " + path);
        }
        if (!Files.isDirectory(path)) {
            throw CliException.usage("expected a directory, found a file: " + path);
        }
        return path;
    }
}
