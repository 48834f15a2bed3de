package dev.persona.cli.eval;

import picocli.CommandLine.Command;

/** {@code persona eval ...}: evaluations of recommendation, segmentation and churn prediction through the services. */
@Command(name = "eval", description = "Evaluates recommendation, segmentation and churn prediction through the "
        + "running services.",
        subcommands = {RankingEvalCommand.class, RatingEvalCommand.class, SegmentsEvalCommand.class,
                ChurnEvalCommand.class})
public final class EvalCommand {
}
