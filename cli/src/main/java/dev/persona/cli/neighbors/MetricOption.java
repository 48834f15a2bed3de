package dev.persona.cli.neighbors;

import dev.persona.api.v1.Metric;
import picocli.CommandLine.Option;

/** --metric (a picocli mixin). */
public final class MetricOption {

    @Option(names = "--metric", paramLabel = "<metric>", defaultValue = "cosine",
            converter = NeighborNames.MetricConverter.class, completionCandidates = NeighborNames.Metrics.class,
            description = "Similarity metric: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Metric metric;

    public Metric metric() {
        return metric;
    }
}
