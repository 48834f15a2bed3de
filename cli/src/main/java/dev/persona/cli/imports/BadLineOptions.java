package dev.persona.cli.imports;

import picocli.CommandLine.Option;

/** What an import does with malformed lines (a picocli mixin). */
public final class BadLineOptions {

    @Option(names = "--fail-fast",
            description = "Stop at the first malformed line (default: skip malformed lines and report them).")
    boolean failFast;

    public boolean failFast() {
        return failFast;
    }
}
