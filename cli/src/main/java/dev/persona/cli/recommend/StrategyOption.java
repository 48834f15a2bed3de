package dev.persona.cli.recommend;

import dev.persona.api.v1.Strategy;
import picocli.CommandLine.Option;

/** --strategy (a picocli mixin). */
public final class StrategyOption {

    @Option(names = "--strategy", paramLabel = "<strategy>", defaultValue = "auto",
            converter = StrategyNames.Converter.class, completionCandidates = StrategyNames.All.class,
            description = "Strategy: ${COMPLETION-CANDIDATES}; auto leaves the choice to the service "
                    + "(default: ${DEFAULT-VALUE}).")
    Strategy strategy;

    public Strategy strategy() {
        return strategy;
    }
}
