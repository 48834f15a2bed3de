package dev.persona.cli.neighbors;

import dev.persona.api.v1.BuildNeighborsRequest;
import dev.persona.api.v1.Entity;
import dev.persona.cli.CliException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a neighbour-list build computes: scoring, --k and --min-support (a picocli mixin). */
public final class BuildOptions {

    /** The largest K a build keeps, and the most neighbours a read returns. */
    public static final int MAX_K = 1_000;
    static final int MAX_THREADS = 256;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--k", paramLabel = "<k>", defaultValue = "50",
            description = "Neighbours kept per entity, 1 to " + MAX_K + " (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--min-support", paramLabel = "<n>", defaultValue = "1",
            description = "Fewest co-raters (items) or co-items (users) of a pair kept (default: ${DEFAULT-VALUE}).")
    int minSupport;

    public ScoringOptions scoring() {
        return scoring;
    }

    public int k() {
        return k;
    }

    /** The request, once the options are checked; {@code threads} 0 leaves the choice to the service. */
    public BuildNeighborsRequest request(Entity entity, int threads) {
        scoring.validate();
        if (k < 1 || k > MAX_K) {
            throw CliException.usage("--k must be 1 to " + MAX_K + ", got " + k);
        }
        if (minSupport < 0) {
            throw CliException.usage("--min-support must be 0 or more, got " + minSupport);
        }
        if (threads < 0 || threads > MAX_THREADS) {
            throw CliException.usage("--threads must be 0 to " + MAX_THREADS + ", got " + threads);
        }
        return BuildNeighborsRequest.newBuilder()
                .setEntity(entity)
                .setMetric(scoring.metric())
                .setK(k)
                .setMinSupport(minSupport)
                .setShrinkage(scoring.shrinkage())
                .setBinary(scoring.binary())
                .setThreads(threads)
                .build();
    }
}
