package dev.persona.cli.recommend;

import dev.persona.cli.CliException;
import picocli.CommandLine.Option;

/** --k, the length of each list asked for (a picocli mixin). */
public final class KOption {

    public static final int MAX_K = 500;

    @Option(names = "--k", paramLabel = "<k>", defaultValue = "10",
            description = "Items per list, 1 to " + MAX_K + " (default: ${DEFAULT-VALUE}).")
    int k;

    /** --k, once checked. */
    public int k() {
        if (k < 1 || k > MAX_K) {
            throw CliException.usage("--k must be 1 to " + MAX_K + ", got " + k);
        }
        return k;
    }
}
