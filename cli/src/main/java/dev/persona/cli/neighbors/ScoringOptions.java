package dev.persona.cli.neighbors;

import dev.persona.api.v1.Metric;
import dev.persona.cli.CliException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a similarity is scored: --metric, --shrinkage and --binary (a picocli mixin). */
public final class ScoringOptions {

    @Mixin
    MetricOption metricOption;

    @Option(names = "--shrinkage", paramLabel = "<beta>", defaultValue = "0",
            description = "Shrinkage towards 0 of pairs with little support n: score * n / (n + beta); "
                    + "0 for none (default: ${DEFAULT-VALUE}).")
    double shrinkage;

    @Option(names = "--binary",
            description = "Count every interaction as 1, whatever its type or rating (cosine and jaccard only).")
    boolean binary;

    public Metric metric() {
        return metricOption.metric();
    }

    public double shrinkage() {
        return shrinkage;
    }

    public boolean binary() {
        return binary;
    }

    /** Rejects what similarity-service would reject with INVALID_ARGUMENT, before anything is sent. */
    public void validate() {
        if (!Double.isFinite(shrinkage) || shrinkage < 0) {
            throw CliException.usage("--shrinkage must be a finite number, 0 or more, got " + shrinkage);
        }
        if (binary && (metric() == Metric.METRIC_ADJUSTED_COSINE || metric() == Metric.METRIC_PEARSON)) {
            throw CliException.usage("--binary goes with cosine or jaccard only, not " + NeighborNames.of(metric()));
        }
    }
}
