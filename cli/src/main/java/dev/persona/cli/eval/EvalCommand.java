package dev.persona.cli.eval;

import picocli.CommandLine.Command;

/** {@code persona eval ...}: evaluations of recommendation, segmentation and churn prediction through the services. */
@Command(name = "eval", description = "Evaluates recommendation, segmentation and churn prediction through the "
        + "running services; offline evaluates strategies on a tenant's own log.",
        subcommands = {RankingEvalCommand.class, RatingEvalCommand.class, SegmentsEvalCommand.class,
                ChurnEvalCommand.class, OfflineEvalCommand.class})
public final class EvalCommand {
}
