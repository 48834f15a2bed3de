package dev.persona.cli.bench;

import picocli.CommandLine.Command;

/** {@code persona bench ...}: measurements against the running services; each ends with a JSON line. */
@Command(name = "bench", description = "Benchmarks against the running services; the last line is JSON.",
        subcommands = {IngestBench.class, ExportBench.class, ProfileBench.class, NeighborsBench.class,
                RecommendBench.class, RealtimeBench.class, KMeansBench.class})
public final class BenchCommand {

    /** A tenant of its own for one bench run, so that it starts from an empty log. */
    static String freshTenant() {
        return "bench-" + System.currentTimeMillis();
    }
}
