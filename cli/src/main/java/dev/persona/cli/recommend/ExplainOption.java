package dev.persona.cli.recommend;

import picocli.CommandLine.Option;

/** --explain (a picocli mixin). */
public final class ExplainOption {

    @Option(names = "--explain", description = "Ask why each item is there: the explanation and the items behind it.")
    boolean explain;

    public boolean explain() {
        return explain;
    }
}
