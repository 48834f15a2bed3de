package dev.persona.cli.bench;

import picocli.CommandLine.Command;

/** {@code persona bench ...}: measurements against a running profile-service; each ends with a JSON line. */
@Command(name = "bench", description = "Benchmarks against a running profile-service; the last line is JSON.",
        subcommands = {IngestBench.class, ExportBench.class, ProfileBench.class})
public final class BenchCommand {

    /** A tenant of its own for one bench run, so that it starts from an empty log. */
    static String freshTenant() {
        return "bench-" + System.currentTimeMillis();
    }
}
