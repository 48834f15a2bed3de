package dev.persona.cli.eval;

import picocli.CommandLine.Command;

/** {@code persona eval ...}: evaluations of the recommendation strategies through the running services. */
@Command(name = "eval", description = "Evaluates recommendation strategies through the running services.",
        subcommands = {RankingEvalCommand.class})
public final class EvalCommand {
}
